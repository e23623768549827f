package answer

import "math"

// Confidence is the probability that an extractive answer is useful to the owner, from how
// well retrieval judged the question answered (retrieval, knowledge.Result.Confidence) and
// how well the message matched the questions of the units sent (match, the weakest part's).
//
// It is a logistic regression fitted on the answered replies of the judged tuning set
// (bot/testdata/judged/set-a, 185 replies, each judged useful or not by its decisive facts).
// What a unit answers in so many words is most of the signal; once it is known, retrieval's
// own confidence adds nothing (its weight even turns negative: a confident retrieval of the
// wrong unit is common). docs/answers.md gives the measured useful share per band, on the
// tuning set and on the held-out one.
func Confidence(retrieval, match float64) float64 {
	z := confBias + confRetrieval*retrieval + confMatch*match
	return 1 / (1 + math.Exp(-z))
}

// The fitted weights of Confidence.
const (
	confBias      = -0.29
	confRetrieval = -0.79
	confMatch     = 3.07
)
