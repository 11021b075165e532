package main

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// HttpHeaders: names are case-insensitive, a name may repeat, the first spelling seen is kept; sorted by name.
type HttpHeaders struct {
	spelling map[string]string
	values   map[string][]string
}

func NewHttpHeaders() *HttpHeaders {
	return &HttpHeaders{spelling: map[string]string{}, values: map[string][]string{}}
}

func (h *HttpHeaders) Add(name string, value string) {
	key := strings.ToLower(ValidName(name))
	if _, ok := h.spelling[key]; !ok {
		h.spelling[key] = name
	}
	h.values[key] = append(h.values[key], strings.TrimSpace(value))
}

func (h *HttpHeaders) Set(name string, value string) {
	h.Remove(name)
	h.Add(name, value)
}

func (h *HttpHeaders) Remove(name string) bool {
	key := strings.ToLower(name)
	delete(h.spelling, key)
	_, had := h.values[key]
	delete(h.values, key)
	return had
}

func (h *HttpHeaders) Get(name string) string {
	return strings.Join(h.values[strings.ToLower(name)], ", ")
}

func (h *HttpHeaders) ContentLength() int {
	raw := h.Get("Content-Length")
	if raw == "" {
		return -1
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		panic("bad Content-Length: " + raw)
	}
	return n
}

func (h *HttpHeaders) Lines() []string {
	keys := make([]string, 0, len(h.values))
	for key := range h.values {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	out := []string{}
	for _, key := range keys {
		for _, v := range h.values[key] {
			out = append(out, h.spelling[key]+": "+v)
		}
	}
	return out
}

func (h *HttpHeaders) Size() int {
	return len(h.values)
}

func ValidName(name string) string {
	if name == "" {
		panic("empty header name")
	}
	for _, c := range name {
		if !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '-' || c == '_') {
			panic("bad header name: " + name)
		}
	}
	return name
}
