package knowledge

import "embed"

//go:embed guides/*.md
var bundled embed.FS

// Bundled returns the guides shipped with coachbot.
func Bundled() ([]Guide, []Problem, error) {
	return LoadGuides(bundled, "guides")
}
