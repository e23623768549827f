package knowledge

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"sync"
)

// frwords.txt.gz lists the folded base forms, of six letters or more, of a French dictionary
// (scripts/gen-frwords.sh): what typo correction must not turn into another word.
//
//go:embed frwords.txt.gz
var frwordsGz []byte

var frenchStems struct {
	once sync.Once
	set  map[string]struct{}
}

// isFrenchWord reports whether a folded word is a French word, whatever its inflection: its
// stem is the stem of a dictionary word ("savonnière", "expédie", "Toulon").
func isFrenchWord(w string) bool {
	frenchStems.once.Do(loadFrenchStems)
	_, ok := frenchStems.set[stem(w)]
	if !ok {
		_, ok = frenchStems.set[w]
	}
	return ok
}

func loadFrenchStems() {
	frenchStems.set = map[string]struct{}{}
	zr, err := gzip.NewReader(bytes.NewReader(frwordsGz))
	if err != nil {
		panic("knowledge: frwords.txt.gz: " + err.Error())
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		w := sc.Text()
		frenchStems.set[w] = struct{}{}
		frenchStems.set[stem(w)] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		panic("knowledge: frwords.txt.gz: " + err.Error())
	}
}
