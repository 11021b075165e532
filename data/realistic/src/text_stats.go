package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
)

// TextStats gathers statistics over documents fed one at a time; words are runs of letters and digits.
type TextStats struct {
	counts    map[string]int
	words     int
	sentences int
	documents int
}

func NewTextStats() *TextStats {
	return &TextStats{counts: map[string]int{}}
}

func (t *TextStats) Feed(text string) {
	t.documents++
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			t.counts[word.String()]++
			t.words++
			word.Reset()
		}
	}
	for _, c := range text {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			word.WriteRune(unicode.ToLower(c))
			continue
		}
		flush()
		if c == '.' || c == '!' || c == '?' {
			t.sentences++
		}
	}
	flush()
}

func (t *TextStats) WordCount() int {
	return t.words
}

func (t *TextStats) DistinctWords() int {
	return len(t.counts)
}

func (t *TextStats) CountOf(word string) int {
	return t.counts[strings.ToLower(word)]
}

func (t *TextStats) LongestWord() string {
	best := ""
	for w := range t.counts {
		if len(w) > len(best) || (len(w) == len(best) && w < best) {
			best = w
		}
	}
	return best
}

func (t *TextStats) MostCommon(n int) []string {
	all := make([]string, 0, len(t.counts))
	for w := range t.counts {
		all = append(all, w)
	}
	sort.Slice(all, func(i, j int) bool {
		if t.counts[all[i]] != t.counts[all[j]] {
			return t.counts[all[i]] > t.counts[all[j]]
		}
		return all[i] < all[j]
	})
	if n < 0 {
		n = 0
	}
	if n > len(all) {
		n = len(all)
	}
	return all[:n]
}

// Summary gives words per sentence in tenths, rounded half up.
func (t *TextStats) Summary() string {
	tenths := t.words * 10
	if t.sentences != 0 {
		tenths = int(math.Floor(float64(t.words)*10.0/float64(t.sentences) + 0.5))
	}
	return fmt.Sprintf("%d documents, %d words, %d sentences, %d.%d words per sentence",
		t.documents, t.words, t.sentences, tenths/10, tenths%10)
}
