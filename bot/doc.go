// Package bot is coachbot's conversation core. It turns a platform-neutral Message into a
// Reply: it routes commands and small talk, retrieves guides, composes a short French answer
// citing the guides it used, and decides when a human coach is needed. It never sees a
// platform type; adapters translate events into Messages and render Replies.
package bot
