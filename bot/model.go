package bot

import "time"

// ConvKey identifies a conversation: a chat on a channel.
type ConvKey struct {
	Channel string `json:"channel"`
	ChatID  string `json:"chat_id"`
}

// UserKey identifies a person on a channel.
type UserKey struct {
	Channel string `json:"channel"`
	UserID  string `json:"user_id"`
}

// Conversation is what the core remembers of a chat between two messages.
type Conversation struct {
	Key       ConvKey   `json:"key"`
	UserID    string    `json:"user_id"`
	State     State     `json:"state"`
	UpdatedAt time.Time `json:"updated_at"`
}

// State is the part of a conversation that drives the next reply. It is stored as JSON.
type State struct {
	// Flow is what the conversation is in the middle of: "" (questions), FlowBooking,
	// FlowForget, FlowWorkshop.
	Flow string `json:"flow,omitempty"`
	// Step within the flow: StepActivity, StepPostcode, StepSlot, StepConfirm.
	Step string `json:"step,omitempty"`
	// What the owner told us for a booking.
	Activity   string `json:"activity,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	Department string `json:"department,omitempty"`
	Region     string `json:"region,omitempty"` // region code, see Regions
	// The escalation in progress.
	Reason string `json:"reason,omitempty"`
	CaseID int64  `json:"case_id,omitempty"`
	// Slots or workshops offered with the last reply, in order.
	Offered []int64 `json:"offered,omitempty"`
	// For follow-up questions.
	LastQuestion string    `json:"last_question,omitempty"`
	LastAt       time.Time `json:"last_at,omitempty"`
	// LastGuide is the guide of the last answer; Sent the units the last answers sent
	// (knowledge.Chunk.Key), never sent again to a follow-up.
	LastGuide string `json:"last_guide,omitempty"`
	// LastTopic is the topic of that guide ("accompagnement" for the programme's own).
	LastTopic string   `json:"last_topic,omitempty"`
	Sent      []string `json:"sent,omitempty"`
	// Choices are the readings offered when the last message was ambiguous; the owner picks
	// one with a button (ActPick) or in words.
	Choices []Choice `json:"choices,omitempty"`
	// Unhelpful counts answers in a row that did not help (low confidence, "not helped").
	Unhelpful int `json:"unhelpful,omitempty"`
}

// Choice is one reading of an ambiguous message, offered to the owner.
type Choice struct {
	Label string `json:"label"`
	// Query is what is searched when the owner picks it; Guide the guide preferred.
	Query string `json:"query"`
	Guide string `json:"guide,omitempty"`
	// Aspect: the label is a question on a subject the owner named alone ("mon site").
	Aspect bool `json:"aspect,omitempty"`
}

// Flows and steps of State.
const (
	FlowBooking  = "booking"
	FlowForget   = "forget"
	FlowWorkshop = "workshop"

	StepActivity = "activity"
	StepPostcode = "postcode"
	StepSlot     = "slot"
	StepConfirm  = "confirm"
)

// Turn is one message kept in a conversation's history.
type Turn struct {
	ID         int64     `json:"id,omitempty"`
	Key        ConvKey   `json:"-"`
	UserID     string    `json:"user_id,omitempty"`
	At         time.Time `json:"at"`
	Role       string    `json:"role"` // RoleOwner, RoleBot, RoleCoach
	Text       string    `json:"text"`
	Outcome    Outcome   `json:"outcome,omitempty"`
	Topic      string    `json:"topic,omitempty"`
	Guides     []string  `json:"guides,omitempty"`
	Confidence float64   `json:"confidence,omitempty"`
	Reason     string    `json:"escalation_reason,omitempty"`
	Tokens     int       `json:"tokens,omitempty"` // spent by a language model on this reply
}

// Roles of a Turn.
const (
	RoleOwner = "owner"
	RoleBot   = "bot"
	RoleCoach = "coach"
)

// Coach is a person of the programme who receives cases and gives sessions.
type Coach struct {
	ID   int64  `json:"id"`
	Name string `json:"name"` // first name, as owners see it
	// Where the coach is reached and recognised: a platform identity.
	Channel string `json:"channel"`
	UserID  string `json:"user_id"`
	// ChatID is where notifications go (a private chat, a coach channel); defaults to UserID.
	ChatID  string   `json:"chat_id"`
	Regions []string `json:"regions"` // region codes served on site / by phone
	Address string   `json:"address,omitempty"`
	Active  bool     `json:"active"`
	Demo    bool     `json:"demo,omitempty"`
}

// Session modes.
const (
	ModeVisio  = "visio"
	ModePhone  = "telephone"
	ModeOnSite = "sur_place"
)

// Slot is a time a coach is available for one session.
type Slot struct {
	ID      int64     `json:"id"`
	CoachID int64     `json:"coach_id"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Mode    string    `json:"mode"`
	Address string    `json:"address,omitempty"` // for ModeOnSite
	Booked  bool      `json:"booked"`
	// Filled by stores when listing, for display.
	CoachName string `json:"coach_name,omitempty"`
}

// Booking is a slot taken by an owner.
type Booking struct {
	ID         int64     `json:"id"`
	Ref        string    `json:"ref"`
	SlotID     int64     `json:"slot_id"`
	CoachID    int64     `json:"coach_id"`
	Owner      ConvKey   `json:"owner"`
	UserID     string    `json:"user_id"`
	Activity   string    `json:"activity,omitempty"`
	PostalCode string    `json:"postal_code,omitempty"`
	Region     string    `json:"region,omitempty"`
	CaseID     int64     `json:"case_id,omitempty"`
	Status     string    `json:"status"` // BookingConfirmed, BookingCancelled
	CreatedAt  time.Time `json:"created_at"`
	// Filled by stores when reading, for display.
	Slot  Slot  `json:"slot"`
	Coach Coach `json:"-"`
}

// Booking statuses.
const (
	BookingConfirmed = "confirmed"
	BookingCancelled = "cancelled"
)

// Workshop is a collective session run with the chambers of commerce.
type Workshop struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	Topic    string    `json:"topic"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Mode     string    `json:"mode"`  // ModeVisio or ModeOnSite
	Place    string    `json:"place"` // address, or "en ligne"
	Region   string    `json:"region"`
	Capacity int       `json:"capacity"`
	Taken    int       `json:"taken"`
	Demo     bool      `json:"demo,omitempty"`
}

// Registration is an owner's seat in a workshop.
type Registration struct {
	ID         int64     `json:"id"`
	WorkshopID int64     `json:"workshop_id"`
	Owner      ConvKey   `json:"owner"`
	UserID     string    `json:"user_id"`
	Status     string    `json:"status"` // BookingConfirmed or BookingCancelled
	CreatedAt  time.Time `json:"created_at"`
	Workshop   Workshop  `json:"workshop"`
}

// Case is an owner's request for a person, with what a coach needs to know.
type Case struct {
	ID         int64     `json:"id"`
	Status     string    `json:"status"` // CaseOpen, CaseClaimed, CaseClosed
	Owner      ConvKey   `json:"owner"`
	UserID     string    `json:"user_id"`
	OwnerName  string    `json:"owner_name,omitempty"`
	Activity   string    `json:"activity,omitempty"`
	PostalCode string    `json:"postal_code,omitempty"`
	Region     string    `json:"region,omitempty"`
	Reason     string    `json:"reason"`
	Questions  []string  `json:"questions,omitempty"`
	Guides     []string  `json:"guides,omitempty"`
	BookingID  int64     `json:"booking_id,omitempty"`
	CoachID    int64     `json:"coach_id,omitempty"` // the coach who claimed it
	CloseNote  string    `json:"close_note,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Case statuses.
const (
	CaseOpen    = "open"
	CaseClaimed = "claimed"
	CaseClosed  = "closed"
)
