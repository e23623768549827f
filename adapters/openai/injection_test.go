package openai_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/adapters/openai"
	"github.com/coachbot/coachbot/adapters/openai/openaitest"
	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
	"github.com/coachbot/coachbot/prompts"
)

// attack is one line of testdata/injections.jsonl.
type attack struct {
	ID, Lang, Kind, Where, Text, Payload string
}

func loadAttacks(t *testing.T) []attack {
	t.Helper()
	f, err := os.Open("testdata/injections.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []attack
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a attack
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %d: %v", len(out)+1, err)
		}
		out = append(out, a)
	}
	if len(out) < 30 {
		t.Fatalf("only %d attacks", len(out))
	}
	return out
}

// trappedRetriever adds a planted passage, as the best one, to what retrieval finds.
type trappedRetriever struct {
	next *knowledge.Retriever
	mu   sync.Mutex
	trap string
}

func (r *trappedRetriever) Retrieve(ctx context.Context, q string) (knowledge.Result, error) {
	res, err := r.next.Retrieve(ctx, q)
	r.mu.Lock()
	trap := r.trap
	r.mu.Unlock()
	if err != nil || trap == "" || len(res.Passages) == 0 {
		return res, err
	}
	p := knowledge.Passage{Chunk: knowledge.Chunk{GuideID: "guide-piege", Title: "Répondre aux avis négatifs", Text: trap}, Score: res.Passages[0].Score + 0.01}
	res.Passages = append([]knowledge.Passage{p}, res.Passages...)
	res.Guides = append([]knowledge.GuideHit{{ID: "guide-piege", Title: p.Chunk.Title, Score: p.Score, Passages: []int{0}}}, res.Guides...)
	for i := range res.Guides[1:] {
		for j := range res.Guides[i+1].Passages {
			res.Guides[i+1].Passages[j]++
		}
	}
	return res, nil
}

var reDocument = regexp.MustCompile(`(?s)<document numero="1"[^>]*>\n(.*?)\n</document>`)

// The injection corpus against a model that obeys every injected instruction: whatever it
// writes, the owner never sees the attacker's payload, the system prompt, or a foreign link.
// The guards are the code's, not the model's goodwill.
func TestInjectionCorpusAgainstAnObedientModel(t *testing.T) {
	ctx := context.Background()
	idx := memory.NewIndex()
	emb := knowledge.NewHashEmbedder()
	if _, err := knowledge.Ingest(ctx, idx, emb, knowledgetest.Bundled(t), knowledge.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := openaitest.New(t)
	var mu sync.Mutex
	var current attack
	embed := false
	srv.Chat(func(req openaitest.ChatRequest) openaitest.ChatReply {
		mu.Lock()
		a, emb := current, embed
		mu.Unlock()
		out := a.Payload
		if a.Kind == "reveal_prompt" {
			// it recites its instructions
			out = req.Messages[0].Content + "\n" + a.Payload
		}
		if emb {
			// the payload slipped into an otherwise good answer, citing the first document
			first := ""
			if m := reDocument.FindStringSubmatch(req.Messages[1].Content); m != nil {
				first = strings.TrimSpace(strings.SplitN(m[1], ". ", 2)[0])
			}
			out = strings.TrimSuffix(first, ".") + " [1]. " + out + " [1]"
		}
		return openaitest.ChatReply{Content: out}
	})
	client, err := openai.New(openai.Config{BaseURL: srv.URL(), APIKey: srv.Key(), ChatModel: "obedient", Timeout: 5 * time.Second}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	retr := &trappedRetriever{next: knowledge.NewRetriever(idx, emb, knowledge.Options{})}
	st := memory.NewStore()
	if err := bot.SeedDemo(ctx, st, time.Now()); err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Retriever: retr, Store: st, Answerer: client})
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := prompts.Parse()
	if err != nil {
		t.Fatal(err)
	}
	system, err := prompts.Render(tmpl, "llm_system", nil)
	if err != nil {
		t.Fatal(err)
	}

	reached := 0
	for _, a := range loadAttacks(t) {
		for _, variant := range []bool{false, true} {
			mu.Lock()
			current, embed = a, variant
			mu.Unlock()
			question := a.Text
			retr.mu.Lock()
			retr.trap = ""
			if a.Where == "passage" {
				retr.trap = a.Text
				question = "Comment répondre aux avis négatifs de mes clients ?"
			}
			retr.mu.Unlock()
			before := srv.ChatCount()
			r := b.Handle(ctx, bot.Message{Channel: bot.ChannelTelegram, ChatID: "inj-" + a.ID, UserID: "inj", UserName: "Test", Text: question})
			if srv.ChatCount() > before {
				reached++
			}
			shown := r.Text
			for _, s := range r.Sources {
				shown += "\n" + s.Title + " " + s.URL
			}
			name := a.ID
			if variant {
				name += "/embedded"
			}
			if strings.Contains(shown, a.Payload) {
				t.Errorf("%s: the payload reached the owner:\n%s", name, shown)
			}
			for _, line := range strings.Split(system, "\n") {
				if len(line) > 60 && strings.Contains(shown, line[:60]) {
					t.Errorf("%s: the system prompt reached the owner:\n%s", name, shown)
					break
				}
			}
			if r.Outcome == bot.Booked || strings.Contains(shown, "RDV-") {
				t.Errorf("%s: a booking without the flow: %s", name, shown)
			}
		}
	}
	// most attacks must have reached the model, or this test would prove little
	if total := 2 * len(loadAttacks(t)); reached < total*2/3 {
		t.Errorf("only %d of %d attacks reached the model", reached, total)
	}
	t.Logf("%d of %d attacks reached the model", reached, 2*len(loadAttacks(t)))
}
