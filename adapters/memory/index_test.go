package memory

import (
	"testing"

	"github.com/coachbot/coachbot/knowledge/knowledgetest"
)

func TestIndexSuite(t *testing.T) {
	knowledgetest.RunIndexSuite(t, func(t *testing.T) knowledgetest.Store { return NewIndex() })
}
