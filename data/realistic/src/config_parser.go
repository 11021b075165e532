package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

type ConfigException struct {
	message string
}

func (e *ConfigException) Error() string { return e.message }

// ConfigParser reads INI-style settings: "[section]" headers, "key = value" lines, '#' comments.
type ConfigParser struct {
	settings  map[string]string
	lineCount int
}

func NewConfigParser() *ConfigParser {
	return &ConfigParser{settings: map[string]string{}}
}

func (c *ConfigParser) Load(text string) error {
	section := ""
	for _, raw := range strings.Split(text, "\n") {
		c.lineCount++
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			if !strings.HasSuffix(line, "]") || len(line) < 3 {
				return &ConfigException{message: fmt.Sprintf("line %d: bad section", c.lineCount)}
			}
			section = strings.ToLower(strings.TrimSpace(line[1 : len(line)-1]))
			continue
		}
		eq := strings.Index(line, "=")
		if eq <= 0 {
			return &ConfigException{message: fmt.Sprintf("line %d: expected key = value", c.lineCount)}
		}
		key := strings.ToLower(strings.TrimSpace(line[:eq]))
		if section != "" {
			key = section + "." + key
		}
		c.settings[key] = strings.TrimSpace(line[eq+1:])
	}
	return nil
}

func (c *ConfigParser) Get(key string, fallback string) string {
	if v, ok := c.settings[strings.ToLower(key)]; ok {
		return v
	}
	return fallback
}

func (c *ConfigParser) GetInt(key string, fallback int) (int, error) {
	raw, ok := c.settings[strings.ToLower(key)]
	if !ok {
		return fallback, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return 0, &ConfigException{message: key + " is not a number: " + raw}
	}
	return n, nil
}

func (c *ConfigParser) GetBool(key string) bool {
	switch strings.ToLower(c.settings[strings.ToLower(key)]) {
	case "true", "yes", "on", "1":
		return true
	}
	return false
}

func (c *ConfigParser) Keys(section string) []string {
	out := []string{}
	prefix := strings.ToLower(section) + "."
	for key := range c.settings {
		if strings.HasPrefix(key, prefix) {
			out = append(out, key[len(prefix):])
		}
	}
	sort.Strings(out)
	return out
}

func (c *ConfigParser) Size() int {
	return len(c.settings)
}
