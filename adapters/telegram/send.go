package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// bucket is a token bucket: rate tokens per second, at most burst.
type bucket struct {
	tokens, rate, burst float64
	last                time.Time
}

// take reserves a token and returns how long to wait before using it.
func (b *bucket) take(now time.Time) time.Duration {
	if b.last.IsZero() {
		b.tokens, b.last = b.burst, now
	}
	b.tokens += now.Sub(b.last).Seconds() * b.rate
	if b.tokens > b.burst {
		b.tokens = b.burst
	}
	b.last = now
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / b.rate * float64(time.Second))
}

// sender sends to Telegram within its limits: about one message per second per chat (a short
// burst allowed), thirty per second overall. A 429 makes that chat wait exactly retry_after
// while other chats go on; 5xx and network errors are retried with capped backoff.
type sender struct {
	api      *tgbotapi.BotAPI
	log      *slog.Logger
	maxDelay time.Duration // give up on a message after this long
	onFlood  func()        // counts 429s, for metrics

	mu      sync.Mutex
	global  bucket
	chats   map[int64]*bucket
	blocked map[int64]time.Time // chat → until when Telegram asked to wait
}

func newSender(api *tgbotapi.BotAPI, log *slog.Logger) *sender {
	return &sender{api: api, log: log, maxDelay: 5 * time.Minute,
		global: bucket{rate: 30, burst: 30}, chats: map[int64]*bucket{}, blocked: map[int64]time.Time{}}
}

// wait returns how long chat must wait before its next message.
func (s *sender) wait(chat int64, now time.Time) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if until, ok := s.blocked[chat]; ok {
		if d := until.Sub(now); d > 0 {
			return d
		}
		delete(s.blocked, chat)
	}
	if chat == 0 {
		// not a message (a callback answer, the command list): Telegram's message limits do
		// not apply, and pacing callback answers together would hold up every button press
		return 0
	}
	b := s.chats[chat]
	if b == nil {
		b = &bucket{rate: 1, burst: 3}
		s.chats[chat] = b
		if len(s.chats) > 10000 { // forget idle chats now and then
			for k, v := range s.chats {
				if now.Sub(v.last) > time.Minute {
					delete(s.chats, k)
				}
			}
		}
	}
	d := b.take(now)
	if g := s.global.take(now); g > d {
		d = g
	}
	return d
}

func (s *sender) block(chat int64, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chat] = time.Now().Add(d)
}

// errParse is Telegram refusing our HTML.
var errParse = errors.New("telegram cannot parse the entities")

// send sends one request for chat, honouring limits and retrying what can be retried.
func (s *sender) send(ctx context.Context, chat int64, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	deadline := time.Now().Add(s.maxDelay)
	backoff := 250 * time.Millisecond
	timeouts := 0
	for attempt := 0; ; attempt++ {
		if d := s.wait(chat, time.Now()); d > 0 {
			if time.Now().Add(d).After(deadline) {
				return tgbotapi.Message{}, errors.New("telegram: giving up, the message would be sent too late")
			}
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return tgbotapi.Message{}, ctx.Err()
			}
		}
		msg, err := s.request(c)
		if err == nil {
			return msg, nil
		}
		var te *tgbotapi.Error
		switch {
		case errors.As(err, &te) && (te.Code == 429 || te.RetryAfter > 0 || strings.HasPrefix(te.Message, "Too Many Requests")):
			// (file uploads report errors without their code: the retry_after tells)
			ra := time.Duration(te.RetryAfter) * time.Second
			if ra <= 0 {
				var n int
				if _, err := fmt.Sscanf(te.Message, "Too Many Requests: retry after %d", &n); err == nil && n > 0 {
					ra = time.Duration(n) * time.Second
				} else {
					ra = time.Second
				}
			}
			if s.onFlood != nil {
				s.onFlood()
			}
			s.log.Warn("telegram flood control", "chat", chat, "retry_after", ra)
			s.block(chat, ra)
			continue
		case errors.As(err, &te) && strings.Contains(te.Message, "can't parse entities"):
			return tgbotapi.Message{}, errParse
		case errors.As(err, &te) && (te.Code >= 400 && te.Code < 500 || te.Code == 0 && strings.HasPrefix(te.Message, "Bad Request")):
			return tgbotapi.Message{}, err // our request is wrong: retrying will not help
		}
		// 5xx, network error, unreadable answer: retry with capped backoff. A request that
		// timed out may have taken effect (the Bot API has no idempotency key): it is tried
		// once more, so that a reply is not lost, but not again, so that the user does not
		// read it three times.
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			if timeouts++; timeouts > 1 {
				return tgbotapi.Message{}, err
			}
		}
		if attempt >= 6 || time.Now().Add(backoff).After(deadline) {
			return tgbotapi.Message{}, err
		}
		s.log.Warn("telegram request failed, retrying", "chat", chat, "err", errString(err), "in", backoff)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return tgbotapi.Message{}, ctx.Err()
		}
		if backoff *= 2; backoff > 8*time.Second {
			backoff = 8 * time.Second
		}
	}
}

// request sends c; requests that return no message (answerCallbackQuery, sendChatAction)
// go through Request.
func (s *sender) request(c tgbotapi.Chattable) (tgbotapi.Message, error) {
	switch c.(type) {
	case tgbotapi.MessageConfig, tgbotapi.DocumentConfig, tgbotapi.EditMessageTextConfig:
		return s.api.Send(c)
	}
	_, err := s.api.Request(c)
	return tgbotapi.Message{}, err
}

// errString describes an error without the URL, which contains the token.
func errString(err error) string {
	var ue interface{ Unwrap() error }
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	if errors.As(err, &ue) {
		if inner := ue.Unwrap(); inner != nil && strings.Contains(err.Error(), "/bot") {
			return inner.Error()
		}
	}
	return err.Error()
}
