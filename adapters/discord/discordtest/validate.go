package discordtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits on a message.
const (
	maxContent        = 2000
	maxEmbeds         = 10
	maxEmbedTitle     = 256
	maxEmbedDesc      = 4096
	maxEmbedFields    = 25
	maxFieldName      = 256
	maxFieldValue     = 1024
	maxFooter         = 2048
	maxAuthorName     = 256
	maxEmbedTotal     = 6000
	maxRows           = 5
	maxRowItems       = 5
	maxCustomID       = 100
	maxButtonLabel    = 80
	maxSelectOptions  = 25
	maxPlaceholder    = 150
	maxV2Components   = 40
	maxModalTitle     = 45
	maxTextInputLabel = 45
	maxTextInputValue = 4000
)

func tooLong(errs errTree, path string, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		errs.add(path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", max))
	}
}

func badLength(errs errTree, path string, n, min, max int) {
	if n < min || n > max {
		errs.add(path, "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between %d and %d in length.", min, max))
	}
}

// validateMessage checks a message's fields as Discord does: the form first (50035), then
// emptiness (50006), which an edit checks on the message as it would become.
func validateMessage(in msgInput, prefix string, edit bool) *apiError {
	errs := errTree{}
	tooLong(errs, prefix+"content", in.content, maxContent)
	v2 := in.flags&discordgo.MessageFlagsIsComponentsV2 != 0
	if v2 && (in.content != "" || len(in.embeds) > 0) {
		errs.add(prefix+"content", "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
			"The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2")
	}
	validateEmbeds(errs, prefix+"embeds", in.embeds)
	if in.components != nil {
		validateComponents(errs, prefix+"components", in.components, v2)
	}
	if in.allowed != nil {
		validateAllowedMentions(errs, prefix+"allowed_mentions", in.allowed)
	}
	if len(errs) > 0 {
		return invalidForm(errs)
	}
	if !edit && in.empty() {
		return errEmptyMessage
	}
	return nil
}

func validateEmbeds(errs errTree, path string, embeds []discordgo.MessageEmbed) {
	if len(embeds) > maxEmbeds {
		errs.add(path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", maxEmbeds))
		return
	}
	total := 0
	count := func(s string) int { n := utf8.RuneCountInString(s); total += n; return n }
	for i, e := range embeds {
		at := path + "." + strconv.Itoa(i) + "."
		count(e.Title)
		tooLong(errs, at+"title", e.Title, maxEmbedTitle)
		count(e.Description)
		tooLong(errs, at+"description", e.Description, maxEmbedDesc)
		if e.Footer != nil {
			count(e.Footer.Text)
			tooLong(errs, at+"footer.text", e.Footer.Text, maxFooter)
		}
		if e.Author != nil {
			count(e.Author.Name)
			tooLong(errs, at+"author.name", e.Author.Name, maxAuthorName)
		}
		if len(e.Fields) > maxEmbedFields {
			errs.add(at+"fields", "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", maxEmbedFields))
		}
		for j, f := range e.Fields {
			fat := at + "fields." + strconv.Itoa(j) + "."
			if count(f.Name) == 0 {
				errs.add(fat+"name", "BASE_TYPE_REQUIRED", "This field is required")
			}
			tooLong(errs, fat+"name", f.Name, maxFieldName)
			if count(f.Value) == 0 {
				errs.add(fat+"value", "BASE_TYPE_REQUIRED", "This field is required")
			}
			tooLong(errs, fat+"value", f.Value, maxFieldValue)
		}
	}
	if total > maxEmbedTotal {
		errs.add(path, "MESSAGE_EMBED_TOTAL_LENGTH", fmt.Sprintf("Embed size exceeds maximum size of %d", maxEmbedTotal))
	}
}

// component is the part of a component that validation reads.
type component struct {
	Type       int               `json:"type"`
	CustomID   *string           `json:"custom_id"`
	Style      int               `json:"style"`
	Label      string            `json:"label"`
	URL        string            `json:"url"`
	SKUID      string            `json:"sku_id"`
	Options    []json.RawMessage `json:"options"`
	Placehold  string            `json:"placeholder"`
	Value      string            `json:"value"`
	Components []json.RawMessage `json:"components"`
	Accessory  json.RawMessage   `json:"accessory"`
}

func isSelect(t int) bool { return t == 3 || t >= 5 && t <= 8 }

func validateComponents(errs errTree, path string, raw json.RawMessage, v2 bool) {
	var top []json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		errs.add(path, "BASE_TYPE_ARRAY", "Must be an array.")
		return
	}
	ids := map[string]bool{}
	if v2 {
		total := 0
		var walk func(at string, items []json.RawMessage)
		walk = func(at string, items []json.RawMessage) {
			for i, item := range items {
				var c component
				if json.Unmarshal(item, &c) != nil {
					errs.add(at+"."+strconv.Itoa(i), "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
					continue
				}
				total++
				checkCustomID(errs, at+"."+strconv.Itoa(i), c, ids)
				walk(at+"."+strconv.Itoa(i)+".components", c.Components)
				if len(c.Accessory) > 0 {
					walk(at+"."+strconv.Itoa(i)+".accessory", []json.RawMessage{c.Accessory})
				}
			}
		}
		walk(path, top)
		if total > maxV2Components {
			errs.add(path, "BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", maxV2Components))
		}
		return
	}
	if len(top) > maxRows {
		errs.add(path, "BASE_TYPE_BAD_LENGTH", fmt.Sprintf("Must be between 1 and %d in length.", maxRows))
	}
	for i, item := range top {
		at := path + "." + strconv.Itoa(i)
		var row component
		if json.Unmarshal(item, &row) != nil {
			errs.add(at, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
			continue
		}
		if row.Type != 1 {
			errs.add(at+".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).")
			continue
		}
		badLength(errs, at+".components", len(row.Components), 1, maxRowItems)
		for j, raw := range row.Components {
			cat := at + ".components." + strconv.Itoa(j)
			var c component
			if json.Unmarshal(raw, &c) != nil {
				errs.add(cat, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
				continue
			}
			switch {
			case c.Type == 2:
				tooLong(errs, cat+".label", c.Label, maxButtonLabel)
				switch {
				case c.Style < 1 || c.Style > 6:
					errs.add(cat+".style", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.")
				case c.Style == 5 && c.URL == "":
					errs.add(cat+".url", "BASE_TYPE_REQUIRED", "This field is required")
				case c.Style == 5 && c.CustomID != nil && *c.CustomID != "":
					errs.add(cat+".custom_id", "BUTTON_COMPONENT_CUSTOM_ID_WITH_URL", "A custom id cannot be set with a url")
				case c.Style < 5 && (c.CustomID == nil || *c.CustomID == ""):
					errs.add(cat+".custom_id", "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED", "A custom id is required")
				}
				if c.Style != 5 && c.Label == "" && !strings.Contains(string(raw), `"emoji"`) {
					errs.add(cat, "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A label or emoji is required")
				}
			case isSelect(c.Type):
				if len(row.Components) > 1 {
					errs.add(at+".components", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width")
				}
				if c.CustomID == nil || *c.CustomID == "" {
					errs.add(cat+".custom_id", "BASE_TYPE_REQUIRED", "This field is required")
				}
				if c.Type == 3 {
					badLength(errs, cat+".options", len(c.Options), 1, maxSelectOptions)
				}
				tooLong(errs, cat+".placeholder", c.Placehold, maxPlaceholder)
			default:
				errs.add(cat+".type", "COMPONENT_TYPE_INVALID", "Component type is invalid in this context")
			}
			checkCustomID(errs, cat, c, ids)
		}
	}
}

func checkCustomID(errs errTree, at string, c component, ids map[string]bool) {
	if c.CustomID == nil || *c.CustomID == "" {
		return
	}
	tooLong(errs, at+".custom_id", *c.CustomID, maxCustomID)
	if ids[*c.CustomID] {
		errs.add(at+".custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
	}
	ids[*c.CustomID] = true
}

func validateAllowedMentions(errs errTree, path string, am *discordgo.MessageAllowedMentions) {
	for i, p := range am.Parse {
		if !slices.Contains([]discordgo.AllowedMentionType{"roles", "users", "everyone"}, p) {
			errs.add(path+".parse."+strconv.Itoa(i), "BASE_TYPE_CHOICES", "Value must be one of ('roles', 'users', 'everyone').")
		}
	}
	if slices.Contains(am.Parse, discordgo.AllowedMentionTypeUsers) && len(am.Users) > 0 {
		errs.add(path, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", `parse:["users"] and users: [ids...] are mutually exclusive.`)
	}
	if slices.Contains(am.Parse, discordgo.AllowedMentionTypeRoles) && len(am.Roles) > 0 {
		errs.add(path, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", `parse:["roles"] and roles: [ids...] are mutually exclusive.`)
	}
	if len(am.Users) > 100 {
		errs.add(path+".users", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
	}
	if len(am.Roles) > 100 {
		errs.add(path+".roles", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
	}
}

// validateModal checks the data of a MODAL response.
func validateModal(data payload) *apiError {
	errs := errTree{}
	var m struct {
		CustomID   string            `json:"custom_id"`
		Title      string            `json:"title"`
		Components []json.RawMessage `json:"components"`
	}
	raw, _ := json.Marshal(data.fields)
	_ = json.Unmarshal(raw, &m)
	badLength(errs, "data.custom_id", utf8.RuneCountInString(m.CustomID), 1, maxCustomID)
	badLength(errs, "data.title", utf8.RuneCountInString(m.Title), 1, maxModalTitle)
	badLength(errs, "data.components", len(m.Components), 1, maxRows)
	ids := map[string]bool{}
	for i, item := range m.Components {
		at := "data.components." + strconv.Itoa(i)
		var row component
		if json.Unmarshal(item, &row) != nil || row.Type != 1 {
			errs.add(at+".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).")
			continue
		}
		badLength(errs, at+".components", len(row.Components), 1, 1)
		for j, rawInput := range row.Components {
			cat := at + ".components." + strconv.Itoa(j)
			var c component
			if json.Unmarshal(rawInput, &c) != nil || c.Type != 4 {
				errs.add(cat+".type", "COMPONENT_TYPE_INVALID", "Component type is invalid in this context")
				continue
			}
			if c.CustomID == nil || *c.CustomID == "" {
				errs.add(cat+".custom_id", "BASE_TYPE_REQUIRED", "This field is required")
			}
			checkCustomID(errs, cat, c, ids)
			badLength(errs, cat+".label", utf8.RuneCountInString(c.Label), 1, maxTextInputLabel)
			if c.Style != 1 && c.Style != 2 {
				errs.add(cat+".style", "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.")
			}
			tooLong(errs, cat+".value", c.Value, maxTextInputValue)
		}
	}
	if len(errs) > 0 {
		return invalidForm(errs)
	}
	return nil
}
