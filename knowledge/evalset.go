package knowledge

import _ "embed"

//go:embed testdata/eval.jsonl
var evalSet string

// EvalSet is the bundled evaluation set (testdata/eval.jsonl): owner questions, one JSON
// object per line, with the guide that answers each. Benchmarks derive their questions from it.
func EvalSet() string { return evalSet }
