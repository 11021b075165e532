package main

import (
	"fmt"
	"strings"
)

// IntervalSet holds covered ranges of a number line, kept merged: [1,3) + [3,5) is [1,5).
type IntervalSet struct {
	ranges [][]int
}

func NewIntervalSet() *IntervalSet {
	return &IntervalSet{}
}

func (i *IntervalSet) Add(start int, end int) {
	if start >= end {
		panic(fmt.Sprintf("empty range %d..%d", start, end))
	}
	merged := [][]int{}
	s, e := start, end
	placed := false
	for _, r := range i.ranges {
		switch {
		case r[1] < s:
			merged = append(merged, r)
		case e < r[0]:
			if !placed {
				merged = append(merged, []int{s, e})
				placed = true
			}
			merged = append(merged, r)
		default:
			if r[0] < s {
				s = r[0]
			}
			if r[1] > e {
				e = r[1]
			}
		}
	}
	if !placed {
		merged = append(merged, []int{s, e})
	}
	i.ranges = merged
}

func (i *IntervalSet) Remove(start int, end int) {
	kept := [][]int{}
	for _, r := range i.ranges {
		if r[1] <= start || end <= r[0] {
			kept = append(kept, r)
			continue
		}
		if r[0] < start {
			kept = append(kept, []int{r[0], start})
		}
		if end < r[1] {
			kept = append(kept, []int{end, r[1]})
		}
	}
	i.ranges = kept
}

func (i *IntervalSet) Contains(point int) bool {
	for _, r := range i.ranges {
		if r[0] <= point && point < r[1] {
			return true
		}
	}
	return false
}

func (i *IntervalSet) CoveredLength() int {
	total := 0
	for _, r := range i.ranges {
		total += r[1] - r[0]
	}
	return total
}

func (i *IntervalSet) Count() int {
	return len(i.ranges)
}

func (i *IntervalSet) Describe() string {
	if len(i.ranges) == 0 {
		return "(empty)"
	}
	parts := make([]string, len(i.ranges))
	for k, r := range i.ranges {
		parts[k] = fmt.Sprintf("[%d, %d)", r[0], r[1])
	}
	return strings.Join(parts, ", ")
}
