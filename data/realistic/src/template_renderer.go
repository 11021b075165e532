package main

import "strings"

type MissingValueException struct {
	message string
}

func (e *MissingValueException) Error() string { return e.message }

// TemplateRenderer renders {{name}} placeholders; a strict renderer refuses missing values.
type TemplateRenderer struct {
	values  map[string]string
	strict  bool
	renders int
}

func NewTemplateRenderer(strict bool) *TemplateRenderer {
	return &TemplateRenderer{values: map[string]string{}, strict: strict}
}

func (t *TemplateRenderer) Set(name string, value string) {
	if name == "" {
		panic("empty name")
	}
	t.values[strings.TrimSpace(name)] = value
}

func (t *TemplateRenderer) Has(name string) bool {
	_, ok := t.values[strings.TrimSpace(name)]
	return ok
}

func (t *TemplateRenderer) Render(template string) (string, error) {
	var out strings.Builder
	i := 0
	for i < len(template) {
		open := strings.Index(template[i:], "{{")
		if open < 0 {
			out.WriteString(template[i:])
			break
		}
		open += i
		close := strings.Index(template[open+2:], "}}")
		if close < 0 {
			out.WriteString(template[i:])
			break
		}
		close += open + 2
		out.WriteString(template[i:open])
		name := strings.TrimSpace(template[open+2 : close])
		value, ok := t.values[name]
		if !ok {
			if t.strict {
				return "", &MissingValueException{message: "no value for " + name}
			}
			value = ""
		}
		out.WriteString(value)
		i = close + 2
	}
	t.renders++
	return out.String(), nil
}

func (t *TemplateRenderer) Placeholders(template string) int {
	count := 0
	at := strings.Index(template, "{{")
	for at >= 0 {
		close := strings.Index(template[at+2:], "}}")
		if close < 0 {
			break
		}
		count++
		next := at + 2 + close + 2
		at = strings.Index(template[next:], "{{")
		if at >= 0 {
			at += next
		}
	}
	return count
}

func (t *TemplateRenderer) RenderCount() int {
	return t.renders
}
