// Package openaitest is a local server that speaks the OpenAI chat-completions,
// embeddings and models APIs, so that the openai adapter is tested with the real
// client library on a machine that reaches no language model. Its answers come
// from a handler the test scripts; its embeddings are deterministic vectors in
// which texts that share words lie close together; and it injects the failures
// that OpenAI and local servers such as Ollama produce: rate limits with
// Retry-After, server errors, a gateway's HTML page, malformed bodies, answers
// that never come, streams that stall and a server that is down.
package openaitest

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// Key is the API key the server expects unless AllowAnyKey was called.
const Key = "sk-test"

// DefaultReply is what the default chat handler answers.
const DefaultReply = "Réponse de test [1]."

// DefaultEmbeddingDim is the length of the vectors of a model that
// SetEmbeddingDim did not configure.
const DefaultEmbeddingDim = 8

// MaxEmbeddingInputs is the largest batch that the embeddings endpoint takes,
// as OpenAI's does (2048 inputs); a larger one is refused with 400.
const MaxEmbeddingInputs = 2048

// ChatRequest is a chat-completions request as the server parsed it.
type ChatRequest struct {
	Model    string
	Messages []Message
	// Tools are the names of the functions offered to the model, in order.
	Tools []string
	// ToolChoice is "auto", "none" or "required", the name of the function
	// when the request forces one, or "" when the request has none.
	ToolChoice string
	Stream     bool
	// IncludeUsage is stream_options.include_usage.
	IncludeUsage bool
	// MaxTokens is max_completion_tokens, or max_tokens when that is absent;
	// 0 when the request set neither.
	MaxTokens int
	// Temperature is nil when the request has none. go-openai leaves out a
	// temperature of 0, so nil also means 0 for requests sent with it.
	Temperature *float64
	// APIKey is the bearer token the request carried, "" for none.
	APIKey string
}

// Message is one message of a chat request.
type Message struct {
	// Role is system, developer, user, assistant or tool.
	Role string
	// Content is the text: the string, or the text parts joined with "\n"
	// when the content was sent as parts; "" when it was null.
	Content string
	// ToolCallID is the call a tool message answers.
	ToolCallID string
	Name       string
	// ToolCalls are the calls an assistant message made.
	ToolCalls []ToolCall
}

// ToolCall is a function call made by the model.
type ToolCall struct {
	// ID is the call's identifier; in a ChatReply, "" lets the server make
	// one up ("call_1", "call_2"… across the server's life).
	ID   string
	Name string
	// Arguments is the JSON object of arguments, as the model writes it.
	Arguments string
}

// ChatReply is what the test's handler makes the server answer.
type ChatReply struct {
	Content   string
	ToolCalls []ToolCall
	// FinishReason is "stop" by default, or "tool_calls" when there are
	// tool calls; "length" or "content_filter" are the other real ones.
	FinishReason string
	// PromptTokens and CompletionTokens are reported in usage; zero lets the
	// server count about one token for four characters.
	PromptTokens, CompletionTokens int
	// Status, when neither 0 nor 200, makes the server answer with OpenAI's
	// error JSON for that status (for 502, a gateway's HTML page). Content,
	// when set, is the error's message.
	Status int
	// RetryAfter, when positive, sets the Retry-After header (whole seconds,
	// rounded up) and retry-after-ms on an error answer.
	RetryAfter time.Duration
	// Raw is sent as the body instead of the answer, with Status (200 when
	// 0): malformed JSON, or for a stream an event stream as is, such as
	// "data: {\"error\":{…}}\n\n".
	Raw string
	// Hang makes the server never answer, until the client gives up or the
	// test ends.
	Hang bool
	// StallAfter, when positive, sends that many chunks of a stream and then
	// nothing more, until the client gives up or the test ends. Every data
	// event counts, the first (the role, with empty content) included.
	StallAfter int
	// ChunkDelay is the wait before each chunk of a stream.
	ChunkDelay time.Duration
}

// EmbeddingRequest is an embeddings request as the server parsed it.
type EmbeddingRequest struct {
	Model string
	Input []string
	// Dimensions is the dimensions parameter, 0 when absent.
	Dimensions int
	// EncodingFormat is "float", "base64" or "" when absent.
	EncodingFormat string
	APIKey         string
}

// Server is the local OpenAI API. Its methods are safe for concurrent use.
type Server struct {
	t        testing.TB
	srv      *httptest.Server
	listener *gate
	done     chan struct{}
	once     sync.Once
	ids      atomic.Int64

	mu          sync.Mutex
	anyKey      bool
	chat        func(ChatRequest) ChatReply
	chatFaults  []fault
	embedFaults []fault
	delay       time.Duration
	down        bool
	dims        map[string]int
	chats       []ChatRequest
	embeds      []EmbeddingRequest
}

// fault is one request to fail.
type fault struct {
	status     int
	retryAfter time.Duration
}

// New starts a server for the test and stops it when the test ends. It
// expects the key Key, answers chats with DefaultReply and makes embeddings
// of DefaultEmbeddingDim dimensions.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		t:    t,
		done: make(chan struct{}),
		chat: func(ChatRequest) ChatReply { return ChatReply{Content: DefaultReply} },
		dims: map[string]int{},
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	s.listener = &gate{inner: s.srv.Listener, addr: s.srv.Listener.Addr()}
	s.srv.Listener = s.listener
	s.srv.Start()
	t.Cleanup(s.Close)
	return s
}

// Close stops the server; answers that hang or stall end. It is called when
// the test ends.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.done)
		s.srv.Close()
	})
}

// URL is the base URL to give the client (go-openai's ClientConfig.BaseURL),
// as "https://api.openai.com/v1" is OpenAI's.
func (s *Server) URL() string { return s.srv.URL + "/v1" }

// Key is the API key the server expects.
func (s *Server) Key() string { return Key }

// AllowAnyKey makes the server accept any key or none, as local servers such
// as Ollama do.
func (s *Server) AllowAnyKey() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.anyKey = true
}

// Chat sets the handler that makes the answers to chat requests; nil restores
// the default, which answers DefaultReply. The handler runs outside the
// server's lock and must be safe for concurrent use if the test sends
// concurrent requests.
func (s *Server) Chat(handler func(req ChatRequest) ChatReply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if handler == nil {
		handler = func(ChatRequest) ChatReply { return ChatReply{Content: DefaultReply} }
	}
	s.chat = handler
}

// FailNext makes the next n chat requests fail with status: 429 with
// OpenAI's rate-limit error, 502 with a gateway's HTML page, any other status
// with OpenAI's error JSON for it. A positive retryAfter sets the Retry-After
// header (whole seconds, rounded up) and retry-after-ms. Calls add up: the
// failures of a second call come after those of the first.
func (s *Server) FailNext(n, status int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.chatFaults = append(s.chatFaults, fault{status: status, retryAfter: retryAfter})
	}
}

// FailEmbeddingsNext is FailNext for embeddings requests.
func (s *Server) FailEmbeddingsNext(n, status int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.embedFaults = append(s.embedFaults, fault{status: status, retryAfter: retryAfter})
	}
}

// Delay holds every answer (chat, embeddings, models) for d before it is
// made; 0 removes the delay. The wait ends early when the client gives up.
func (s *Server) Delay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// Down(true) stops the server as a process that is not running: the
// listener is closed, so that new connections are refused (ECONNREFUSED),
// and open connections are closed. A client that had a connection in its
// pool may see it closed (EOF) rather than refused. Down(false) listens again
// on the same address.
func (s *Server) Down(down bool) {
	s.mu.Lock()
	s.down = down
	s.mu.Unlock()
	if !down {
		if err := s.listener.up(); err != nil {
			s.t.Errorf("openaitest: listen again on %s: %v", s.listener.addr, err)
		}
		return
	}
	s.listener.down()
	s.srv.CloseClientConnections()
}

// SetEmbeddingDim sets the length of model's vectors.
func (s *Server) SetEmbeddingDim(model string, dim int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dims[model] = dim
}

// ChatRequests returns the chat requests received, in order of arrival: each
// one that had an accepted key and a body that parsed, whether the server
// then failed it, refused it as invalid or answered it.
func (s *Server) ChatRequests() []ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.chats)
}

// ChatCount is len(ChatRequests()).
func (s *Server) ChatCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.chats)
}

// EmbeddingRequests returns the embeddings requests received, counted as
// ChatRequests counts.
func (s *Server) EmbeddingRequests() []EmbeddingRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.embeds)
}

// EmbeddingCount is len(EmbeddingRequests()).
func (s *Server) EmbeddingCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.embeds)
}

// EmbeddingBatches returns the number of inputs of each embeddings request
// received, in order.
func (s *Server) EmbeddingBatches() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	sizes := make([]int, len(s.embeds))
	for i, e := range s.embeds {
		sizes[i] = len(e.Input)
	}
	return sizes
}

// Embedding returns the vector the server gives text for model: words
// (lower-cased runs of letters and digits) are hashed, with the model, into
// signed buckets and the sum is normalised to length 1. Texts that share
// words have a high cosine similarity; others are near 0 on average.
func (s *Server) Embedding(model, text string) []float32 {
	s.mu.Lock()
	dim := s.dims[model]
	s.mu.Unlock()
	if dim <= 0 {
		dim = DefaultEmbeddingDim
	}
	return embed(model, text, dim)
}

func embed(model, text string, dim int) []float32 {
	v := make([]float64, dim)
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 {
		words = []string{strings.TrimSpace(text)}
	}
	for _, w := range words {
		h := fnv.New64a()
		io.WriteString(h, model)
		h.Write([]byte{0})
		io.WriteString(h, w)
		sum := h.Sum64()
		sign := 1.0
		if sum>>63 == 1 {
			sign = -1
		}
		v[int(sum%uint64(dim))] += sign
	}
	var norm float64
	for _, x := range v {
		norm += x * x
	}
	norm = math.Sqrt(norm)
	out := make([]float32, dim)
	for i, x := range v {
		if norm > 0 {
			out[i] = float32(x / norm)
		}
	}
	return out
}

// ---- serving ----

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	if down { // a connection accepted just before the listener closed
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	w.Header().Set("x-request-id", fmt.Sprintf("req_test%d", s.ids.Add(1)))

	route := map[string]struct {
		method string
		serve  func(http.ResponseWriter, *http.Request, string)
	}{
		"/v1/chat/completions": {http.MethodPost, s.serveChat},
		"/v1/embeddings":       {http.MethodPost, s.serveEmbeddings},
		"/v1/models":           {http.MethodGet, s.serveModels},
	}
	rt, ok := route[r.URL.Path]
	if !ok || r.Method != rt.method {
		writeError(w, http.StatusNotFound, 0, apiError{
			Message: fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path),
			Type:    "invalid_request_error",
		})
		return
	}
	key, ok := s.authorize(w, r)
	if !ok {
		return
	}
	rt.serve(w, r, key)
}

// authorize checks the bearer token, answers 401 as OpenAI does when it is
// wrong, and returns it.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) (string, bool) {
	auth := r.Header.Get("Authorization")
	key, bearer := strings.CutPrefix(auth, "Bearer ")
	key = strings.TrimSpace(key)
	s.mu.Lock()
	anyKey := s.anyKey
	s.mu.Unlock()
	switch {
	case anyKey:
		return key, true
	case auth == "":
		writeError(w, http.StatusUnauthorized, 0, apiError{
			Message: "You didn't provide an API key. You need to provide your API key in an " +
				"Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
			Type: "invalid_request_error",
		})
		return "", false
	case !bearer || key != Key:
		writeError(w, http.StatusUnauthorized, 0, apiError{
			Message: "Incorrect API key provided",
			Type:    "invalid_request_error",
			Code:    "invalid_api_key",
		})
		return "", false
	}
	return key, true
}

// pause waits for the delay set by Delay, and reports false if the client
// gave up or the server closed meanwhile.
func (s *Server) pause(ctx context.Context) bool {
	s.mu.Lock()
	d := s.delay
	s.mu.Unlock()
	if d <= 0 {
		return true
	}
	return s.sleep(ctx, d)
}

// sleep waits for d, and reports false if the client gave up or the server
// closed first.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-s.done:
	}
	return false
}

// hang waits until the client gives up or the server closes.
func (s *Server) hang(ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-s.done:
	}
}

// nextFault takes the first of faults, if any.
func (s *Server) nextFault(faults *[]fault) (fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(*faults) == 0 {
		return fault{}, false
	}
	f := (*faults)[0]
	*faults = (*faults)[1:]
	return f, true
}

// ---- errors ----

// apiError is OpenAI's error object; empty Param and Code are written as null.
type apiError struct {
	Message string
	Type    string
	Param   string
	Code    string
}

func (e apiError) MarshalJSON() ([]byte, error) {
	orNull := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return json.Marshal(struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	}{e.Message, e.Type, orNull(e.Param), orNull(e.Code)})
}

// badGateway is the page a gateway in front of the API sends when the API is
// unreachable.
const badGateway = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>cloudflare</center>
</body>
</html>
`

// statusError is OpenAI's error for status; message, when set, replaces its
// words.
func statusError(status int, model, message string, retryAfter time.Duration) apiError {
	var e apiError
	switch status {
	case http.StatusBadRequest:
		e = apiError{Message: "Invalid request.", Type: "invalid_request_error"}
	case http.StatusUnauthorized:
		e = apiError{Message: "Incorrect API key provided", Type: "invalid_request_error", Code: "invalid_api_key"}
	case http.StatusNotFound:
		e = apiError{
			Message: fmt.Sprintf("The model `%s` does not exist or you do not have access to it.", model),
			Type:    "invalid_request_error", Code: "model_not_found",
		}
	case http.StatusTooManyRequests:
		wait := max(retryAfter, time.Second)
		e = apiError{
			Message: fmt.Sprintf("Rate limit reached for %s in organization org-test on requests per min (RPM): "+
				"Limit 3, Used 3, Requested 1. Please try again in %s. "+
				"Visit https://platform.openai.com/account/rate-limits to learn more.", model, wait),
			Type: "requests", Code: "rate_limit_exceeded",
		}
	case http.StatusInternalServerError:
		e = apiError{Message: "The server had an error while processing your request. Sorry about that!", Type: "server_error"}
	case http.StatusServiceUnavailable:
		e = apiError{
			Message: "That model is currently overloaded with other requests. You can retry your request, " +
				"or contact us through our help center at help.openai.com if the error persists.",
			Type: "server_error",
		}
	default:
		e = apiError{Message: http.StatusText(status), Type: "invalid_request_error"}
		if status >= 500 {
			e.Type = "server_error"
		}
	}
	if message != "" {
		e.Message = message
	}
	return e
}

// writeFailure answers status as OpenAI does: its error JSON, or for 502 a
// gateway's HTML page.
func writeFailure(w http.ResponseWriter, status int, retryAfter time.Duration, model, message string) {
	if status == http.StatusBadGateway {
		setRetryAfter(w, retryAfter)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		io.WriteString(w, badGateway)
		return
	}
	writeError(w, status, retryAfter, statusError(status, model, message, retryAfter))
}

// writeError writes {"error":e} with status.
func writeError(w http.ResponseWriter, status int, retryAfter time.Duration, e apiError) {
	setRetryAfter(w, retryAfter)
	writeJSON(w, status, map[string]apiError{"error": e})
}

func setRetryAfter(w http.ResponseWriter, d time.Duration) {
	if d <= 0 {
		return
	}
	secs := int64((d + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	w.Header().Set("retry-after-ms", strconv.FormatInt(d.Milliseconds(), 10))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("openaitest: encode answer: %v", err))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// invalid answers 400 invalid_request_error.
func invalid(w http.ResponseWriter, param, format string, args ...any) {
	writeError(w, http.StatusBadRequest, 0, apiError{
		Message: fmt.Sprintf(format, args...), Type: "invalid_request_error", Param: param,
	})
}

// readJSON decodes the request body into v, or answers 400 as OpenAI does.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(r.Body)
	if err == nil {
		err = json.Unmarshal(body, v)
	}
	if err != nil {
		invalid(w, "", "We could not parse the JSON body of your request. (HINT: This likely means you aren't "+
			"using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was "+
			"not valid JSON. If you have trouble figuring out how to fix this, please contact us through our "+
			"help center at help.openai.com.)")
		return false
	}
	return true
}

// ---- chat completions ----

type chatRequestJSON struct {
	Model    string        `json:"model"`
	Messages []messageJSON `json:"messages"`
	Tools    []struct {
		Type     string `json:"type"`
		Function struct {
			Name string `json:"name"`
		} `json:"function"`
	} `json:"tools"`
	ToolChoice    json.RawMessage `json:"tool_choice"`
	Stream        bool            `json:"stream"`
	StreamOptions *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
	MaxTokens           *int     `json:"max_tokens"`
	MaxCompletionTokens *int     `json:"max_completion_tokens"`
	Temperature         *float64 `json:"temperature"`
}

type messageJSON struct {
	Role       string          `json:"role"`
	Content    json.RawMessage `json:"content"`
	Name       string          `json:"name"`
	ToolCallID string          `json:"tool_call_id"`
	ToolCalls  []toolCallJSON  `json:"tool_calls"`
}

type toolCallJSON struct {
	Index    *int         `json:"index,omitempty"`
	ID       string       `json:"id,omitempty"`
	Type     string       `json:"type,omitempty"`
	Function functionJSON `json:"function"`
}

type functionJSON struct {
	Name      string `json:"name,omitempty"`
	Arguments string `json:"arguments"`
}

// parseChat turns the request's JSON into a ChatRequest, or returns the
// parameter that is wrong and OpenAI's words for it.
func parseChat(in chatRequestJSON, key string) (req ChatRequest, param, refusal string) {
	req = ChatRequest{
		Model: in.Model, Stream: in.Stream, Temperature: in.Temperature, APIKey: key,
		IncludeUsage: in.StreamOptions != nil && in.StreamOptions.IncludeUsage,
	}
	switch {
	case in.MaxCompletionTokens != nil:
		req.MaxTokens = *in.MaxCompletionTokens
	case in.MaxTokens != nil:
		req.MaxTokens = *in.MaxTokens
	}
	for _, t := range in.Tools {
		req.Tools = append(req.Tools, t.Function.Name)
	}
	if len(in.ToolChoice) > 0 && string(in.ToolChoice) != "null" {
		var choice struct {
			Function struct {
				Name string `json:"name"`
			} `json:"function"`
		}
		if json.Unmarshal(in.ToolChoice, &req.ToolChoice) != nil {
			if err := json.Unmarshal(in.ToolChoice, &choice); err != nil || choice.Function.Name == "" {
				return req, "tool_choice", "Invalid value for 'tool_choice'."
			}
			req.ToolChoice = choice.Function.Name
		}
	}
	for i, m := range in.Messages {
		msg := Message{Role: m.Role, Name: m.Name, ToolCallID: m.ToolCallID}
		content, ok := parseContent(m.Content)
		if !ok {
			return req, fmt.Sprintf("messages.[%d].content", i),
				"Invalid type for content: expected a string or an array of content parts."
		}
		msg.Content = content
		for _, c := range m.ToolCalls {
			msg.ToolCalls = append(msg.ToolCalls, ToolCall{ID: c.ID, Name: c.Function.Name, Arguments: c.Function.Arguments})
		}
		req.Messages = append(req.Messages, msg)
	}
	return req, "", ""
}

// parseContent reads a message's content: a string, null, or an array of
// parts whose text parts are joined with "\n".
func parseContent(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return text, true
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if json.Unmarshal(raw, &parts) != nil {
		return "", false
	}
	var texts []string
	for _, p := range parts {
		if p.Type == "text" {
			texts = append(texts, p.Text)
		}
	}
	return strings.Join(texts, "\n"), true
}

// validate refuses what OpenAI refuses in a chat request: it returns the
// parameter that is wrong and OpenAI's words for it.
func validate(req ChatRequest) (param, refusal string) {
	if req.Model == "" {
		return "model", "you must provide a model parameter"
	}
	if len(req.Messages) == 0 {
		return "messages", "[] is too short - 'messages'"
	}
	if req.ToolChoice != "" && len(req.Tools) == 0 {
		return "tool_choice", "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified."
	}
	var (
		pending []string // tool calls still to answer
		caller  int      // the assistant message that made them
	)
	for i, m := range req.Messages {
		switch m.Role {
		case "system", "developer", "user", "assistant", "tool":
		default:
			return fmt.Sprintf("messages.[%d].role", i), fmt.Sprintf("Invalid value: '%s'. Supported values are: "+
				"'system', 'assistant', 'user', 'function', 'tool', and 'developer'.", m.Role)
		}
		if m.Role == "tool" {
			at := slices.Index(pending, m.ToolCallID)
			if m.ToolCallID == "" || at < 0 {
				return fmt.Sprintf("messages.[%d].role", i), "Invalid parameter: messages with role " +
					"'tool' must be a response to a preceeding message with 'tool_calls'."
			}
			pending = slices.Delete(pending, at, at+1)
			continue
		}
		if len(pending) > 0 {
			return fmt.Sprintf("messages.[%d].role", caller), unanswered(pending)
		}
		for _, c := range m.ToolCalls {
			pending = append(pending, c.ID)
		}
		caller = i
	}
	if len(pending) > 0 {
		return fmt.Sprintf("messages.[%d].role", caller), unanswered(pending)
	}
	return "", ""
}

// unanswered is OpenAI's words for tool calls left without an answer.
func unanswered(ids []string) string {
	return "An assistant message with 'tool_calls' must be followed by tool messages responding to each " +
		"'tool_call_id'. The following tool_call_ids did not have response messages: " + strings.Join(ids, ", ")
}

func (s *Server) serveChat(w http.ResponseWriter, r *http.Request, key string) {
	var in chatRequestJSON
	if !readJSON(w, r, &in) {
		return
	}
	req, param, refusal := parseChat(in, key)
	if refusal != "" {
		invalid(w, param, "%s", refusal)
		return
	}
	s.mu.Lock()
	s.chats = append(s.chats, req)
	handler := s.chat
	s.mu.Unlock()

	if !s.pause(r.Context()) {
		return
	}
	if f, ok := s.nextFault(&s.chatFaults); ok {
		writeFailure(w, f.status, f.retryAfter, req.Model, "")
		return
	}
	if param, refusal := validate(req); refusal != "" {
		invalid(w, param, "%s", refusal)
		return
	}

	reply := handler(req)
	switch {
	case reply.Hang:
		s.hang(r.Context())
	case reply.Raw != "":
		status := reply.Status
		if status == 0 {
			status = http.StatusOK
		}
		if req.Stream {
			w.Header().Set("Content-Type", "text/event-stream")
		} else {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		io.WriteString(w, reply.Raw)
	case reply.Status != 0 && reply.Status != http.StatusOK:
		writeFailure(w, reply.Status, reply.RetryAfter, req.Model, reply.Content)
	case req.Stream:
		s.stream(w, r, req, s.complete(req, reply))
	default:
		c := s.complete(req, reply)
		writeJSON(w, http.StatusOK, completionJSON{
			ID: c.id, Object: "chat.completion", Created: c.created, Model: req.Model,
			SystemFingerprint: "fp_openaitest",
			Choices: []choiceJSON{{
				Message:      &messageOutJSON{Role: "assistant", Content: c.content, ToolCalls: c.calls},
				FinishReason: &c.finish,
			}},
			Usage: &c.usage,
		})
	}
}

// completion is an answer ready to be written whole or streamed.
type completion struct {
	id      string
	created int64
	content *string // nil when the answer is only tool calls
	calls   []toolCallJSON
	finish  string
	usage   usageJSON

	stallAfter int
	chunkDelay time.Duration
}

func (s *Server) complete(req ChatRequest, reply ChatReply) completion {
	c := completion{
		id:      fmt.Sprintf("chatcmpl-test%d", s.ids.Add(1)),
		created: time.Now().Unix(),
		finish:  reply.FinishReason,

		stallAfter: reply.StallAfter,
		chunkDelay: reply.ChunkDelay,
	}
	if reply.Content != "" || len(reply.ToolCalls) == 0 {
		c.content = &reply.Content
	}
	out := reply.Content
	for _, tc := range reply.ToolCalls {
		id := tc.ID
		if id == "" {
			id = fmt.Sprintf("call_%d", s.ids.Add(1))
		}
		c.calls = append(c.calls, toolCallJSON{ID: id, Type: "function", Function: functionJSON{Name: tc.Name, Arguments: tc.Arguments}})
		out += tc.Name + tc.Arguments
	}
	if c.finish == "" {
		c.finish = "stop"
		if len(reply.ToolCalls) > 0 {
			c.finish = "tool_calls"
		}
	}
	prompt := reply.PromptTokens
	if prompt == 0 {
		var in strings.Builder
		for _, m := range req.Messages {
			in.WriteString(m.Content)
			for _, tc := range m.ToolCalls {
				in.WriteString(tc.Name + tc.Arguments)
			}
		}
		prompt = max(tokens(in.String()), 1)
	}
	completionTokens := reply.CompletionTokens
	if completionTokens == 0 {
		completionTokens = tokens(out)
	}
	c.usage = usageJSON{PromptTokens: prompt, CompletionTokens: completionTokens, TotalTokens: prompt + completionTokens}
	return c
}

// tokens counts about one token for four characters, as OpenAI's guidance
// does for English.
func tokens(s string) int {
	return (utf8.RuneCountInString(s) + 3) / 4
}

type completionJSON struct {
	ID                string       `json:"id"`
	Object            string       `json:"object"`
	Created           int64        `json:"created"`
	Model             string       `json:"model"`
	SystemFingerprint string       `json:"system_fingerprint"`
	Choices           []choiceJSON `json:"choices"`
	Usage             any          `json:"usage,omitempty"`
}

type choiceJSON struct {
	Index        int             `json:"index"`
	Message      *messageOutJSON `json:"message,omitempty"`
	Delta        *deltaJSON      `json:"delta,omitempty"`
	Logprobs     *struct{}       `json:"logprobs"`
	FinishReason *string         `json:"finish_reason"`
}

type messageOutJSON struct {
	Role      string         `json:"role"`
	Content   *string        `json:"content"`
	Refusal   *string        `json:"refusal"`
	ToolCalls []toolCallJSON `json:"tool_calls,omitempty"`
}

type deltaJSON struct {
	Role      string         `json:"role,omitempty"`
	Content   *string        `json:"content,omitempty"`
	ToolCalls []toolCallJSON `json:"tool_calls,omitempty"`
}

type usageJSON struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// stream writes c as OpenAI streams an answer: a chunk with the role, the
// content in several deltas (one a word), each tool call's name and then its
// arguments in two deltas, a chunk with the finish reason, the usage when
// asked for, and [DONE].
func (s *Server) stream(w http.ResponseWriter, r *http.Request, req ChatRequest, c completion) {
	var deltas []choiceJSON
	empty := ""
	deltas = append(deltas, choiceJSON{Delta: &deltaJSON{Role: "assistant", Content: &empty}})
	if c.content != nil {
		for _, piece := range splitWords(*c.content) {
			deltas = append(deltas, choiceJSON{Delta: &deltaJSON{Content: &piece}})
		}
	}
	for i, tc := range c.calls {
		index := i
		deltas = append(deltas, choiceJSON{Delta: &deltaJSON{ToolCalls: []toolCallJSON{{
			Index: &index, ID: tc.ID, Type: "function", Function: functionJSON{Name: tc.Function.Name},
		}}}})
		for _, piece := range splitHalves(tc.Function.Arguments) {
			deltas = append(deltas, choiceJSON{Delta: &deltaJSON{ToolCalls: []toolCallJSON{{
				Index: &index, Function: functionJSON{Arguments: piece},
			}}}})
		}
	}
	deltas = append(deltas, choiceJSON{Delta: &deltaJSON{}, FinishReason: &c.finish})

	var chunks []completionJSON
	for _, d := range deltas {
		chunk := completionJSON{
			ID: c.id, Object: "chat.completion.chunk", Created: c.created, Model: req.Model,
			SystemFingerprint: "fp_openaitest", Choices: []choiceJSON{d},
		}
		if req.IncludeUsage {
			chunk.Usage = json.RawMessage("null")
		}
		chunks = append(chunks, chunk)
	}
	if req.IncludeUsage {
		chunks = append(chunks, completionJSON{
			ID: c.id, Object: "chat.completion.chunk", Created: c.created, Model: req.Model,
			SystemFingerprint: "fp_openaitest", Choices: []choiceJSON{}, Usage: c.usage,
		})
	}

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flush := http.NewResponseController(w).Flush
	flush()
	for i, chunk := range chunks {
		if c.stallAfter > 0 && i == c.stallAfter {
			s.hang(r.Context())
			return
		}
		if c.chunkDelay > 0 && !s.sleep(r.Context(), c.chunkDelay) {
			return
		}
		body, err := json.Marshal(chunk)
		if err != nil {
			panic(fmt.Sprintf("openaitest: encode chunk: %v", err))
		}
		if _, err := fmt.Fprintf(w, "data: %s\n\n", body); err != nil {
			return
		}
		if flush() != nil {
			return
		}
	}
	if c.stallAfter >= len(chunks) {
		s.hang(r.Context())
		return
	}
	io.WriteString(w, "data: [DONE]\n\n")
	flush()
}

// splitWords cuts text after each space, so that a stream carries it in
// several deltas.
func splitWords(text string) []string {
	var pieces []string
	for piece := range strings.SplitAfterSeq(text, " ") {
		if piece != "" {
			pieces = append(pieces, piece)
		}
	}
	return pieces
}

// splitHalves cuts text in two on a character boundary; short texts stay
// whole.
func splitHalves(text string) []string {
	if utf8.RuneCountInString(text) < 2 {
		return []string{text}
	}
	mid := len(text) / 2
	for !utf8.RuneStart(text[mid]) {
		mid++
	}
	return []string{text[:mid], text[mid:]}
}

// ---- embeddings ----

type embeddingRequestJSON struct {
	Model          string          `json:"model"`
	Input          json.RawMessage `json:"input"`
	Dimensions     int             `json:"dimensions"`
	EncodingFormat string          `json:"encoding_format"`
}

func (s *Server) serveEmbeddings(w http.ResponseWriter, r *http.Request, key string) {
	var in embeddingRequestJSON
	if !readJSON(w, r, &in) {
		return
	}
	req := EmbeddingRequest{Model: in.Model, Dimensions: in.Dimensions, EncodingFormat: in.EncodingFormat, APIKey: key}
	var one string
	if err := json.Unmarshal(in.Input, &one); err == nil {
		req.Input = []string{one}
	} else if err := json.Unmarshal(in.Input, &req.Input); err != nil {
		invalid(w, "input", "'$.input' is invalid: openaitest takes a string or an array of strings.")
		return
	}
	s.mu.Lock()
	s.embeds = append(s.embeds, req)
	dim := s.dims[req.Model]
	s.mu.Unlock()
	if dim <= 0 {
		dim = DefaultEmbeddingDim
	}
	if req.Dimensions > 0 {
		dim = req.Dimensions
	}

	if !s.pause(r.Context()) {
		return
	}
	if f, ok := s.nextFault(&s.embedFaults); ok {
		writeFailure(w, f.status, f.retryAfter, req.Model, "")
		return
	}
	switch {
	case req.Model == "":
		invalid(w, "model", "you must provide a model parameter")
		return
	case len(req.Input) == 0 || len(req.Input) > MaxEmbeddingInputs || slices.Contains(req.Input, ""):
		invalid(w, "input", "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.")
		return
	case req.EncodingFormat != "" && req.EncodingFormat != "float" && req.EncodingFormat != "base64":
		invalid(w, "encoding_format", "Invalid value: '%s'. Supported values are: 'float' and 'base64'.", req.EncodingFormat)
		return
	}

	type embeddingJSON struct {
		Object    string `json:"object"`
		Index     int    `json:"index"`
		Embedding any    `json:"embedding"`
	}
	data := make([]embeddingJSON, len(req.Input))
	total := 0
	for i, text := range req.Input {
		v := embed(req.Model, text, dim)
		var out any = v
		if req.EncodingFormat == "base64" {
			buf := make([]byte, 0, 4*len(v))
			for _, x := range v {
				buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
			}
			out = base64.StdEncoding.EncodeToString(buf)
		}
		data[i] = embeddingJSON{Object: "embedding", Index: i, Embedding: out}
		total += max(tokens(text), 1)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"object": "list",
		"data":   data,
		"model":  req.Model,
		"usage":  map[string]int{"prompt_tokens": total, "total_tokens": total},
	})
}

// ---- models ----

func (s *Server) serveModels(w http.ResponseWriter, r *http.Request, _ string) {
	if !s.pause(r.Context()) {
		return
	}
	names := []string{"gpt-4o-mini", "gpt-4o", "text-embedding-3-small", "text-embedding-3-large"}
	s.mu.Lock()
	for name := range s.dims {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	s.mu.Unlock()
	slices.Sort(names)
	type modelJSON struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}
	models := make([]modelJSON, len(names))
	for i, name := range names {
		models[i] = modelJSON{ID: name, Object: "model", Created: 1700000000, OwnedBy: "openaitest"}
	}
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": models})
}

// ---- listener ----

// gate is a listener that can stop listening and listen again on the same
// address, so that a server that is down refuses connections.
type gate struct {
	addr net.Addr

	mu     sync.Mutex
	inner  net.Listener  // nil while down
	opened chan struct{} // closed when listening again or closed for good
	closed bool
}

func (g *gate) Accept() (net.Conn, error) {
	for {
		g.mu.Lock()
		if g.closed {
			g.mu.Unlock()
			return nil, net.ErrClosed
		}
		l, opened := g.inner, g.opened
		g.mu.Unlock()
		if l == nil {
			<-opened
			continue
		}
		conn, err := l.Accept()
		if err == nil {
			return conn, nil
		}
		g.mu.Lock()
		swapped := g.inner != l || g.closed
		g.mu.Unlock()
		if !swapped {
			return nil, err
		}
	}
}

func (g *gate) down() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.inner == nil || g.closed {
		return
	}
	g.inner.Close()
	g.inner = nil
	g.opened = make(chan struct{})
}

func (g *gate) up() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.inner != nil || g.closed {
		return nil
	}
	l, err := net.Listen(g.addr.Network(), g.addr.String())
	if err != nil {
		return err
	}
	g.inner = l
	close(g.opened)
	return nil
}

func (g *gate) Close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil
	}
	g.closed = true
	if g.inner == nil {
		close(g.opened)
		return nil
	}
	return g.inner.Close()
}

func (g *gate) Addr() net.Addr { return g.addr }
