package main

import (
	"context"
	"log/slog"

	"github.com/coachbot/coachbot/bot"
)

// discardNotifier drops notifications with a debug log line: `ask` has nobody to tell.
type discardNotifier struct{ log *slog.Logger }

func (d discardNotifier) Notify(_ context.Context, n bot.Notification) error {
	d.log.Debug("notification not delivered by ask", "channel", n.To.Channel)
	return nil
}
