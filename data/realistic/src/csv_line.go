package main

import (
	"fmt"
	"strings"
)

type CsvFormatException struct {
	message string
}

func (e *CsvFormatException) Error() string { return e.message }

// CsvLine is one CSV dialect: a delimiter, double-quoted fields with "" for a quote.
type CsvLine struct {
	delimiter    rune
	parsedLines  int
	parsedFields int
}

func NewCsvLine(delimiter rune) *CsvLine {
	if delimiter == '"' || delimiter == '\n' {
		panic("bad delimiter")
	}
	return &CsvLine{delimiter: delimiter}
}

func (c *CsvLine) Parse(line string) ([]string, error) {
	chars := []rune(line)
	fields := []string{}
	var field strings.Builder
	quoted, wasQuoted := false, false
	for i := 0; i < len(chars); i++ {
		ch := chars[i]
		switch {
		case quoted:
			if ch == '"' && i+1 < len(chars) && chars[i+1] == '"' {
				field.WriteRune('"')
				i++
			} else if ch == '"' {
				quoted = false
			} else {
				field.WriteRune(ch)
			}
		case ch == '"' && field.Len() == 0 && !wasQuoted:
			quoted, wasQuoted = true, true
		case ch == c.delimiter:
			fields = append(fields, field.String())
			field.Reset()
			wasQuoted = false
		case wasQuoted:
			return nil, &CsvFormatException{message: fmt.Sprintf("text after a closing quote at %d", i)}
		default:
			field.WriteRune(ch)
		}
	}
	if quoted {
		return nil, &CsvFormatException{message: "unclosed quote"}
	}
	fields = append(fields, field.String())
	c.parsedLines++
	c.parsedFields += len(fields)
	return fields, nil
}

func (c *CsvLine) Format(fields []string) string {
	out := make([]string, len(fields))
	for i, f := range fields {
		needsQuotes := strings.ContainsRune(f, c.delimiter) || strings.Contains(f, "\"") ||
			strings.Contains(f, "\n") || (f != "" && (f[0] == ' ' || f[len(f)-1] == ' '))
		if needsQuotes {
			f = "\"" + strings.ReplaceAll(f, "\"", "\"\"") + "\""
		}
		out[i] = f
	}
	return strings.Join(out, string(c.delimiter))
}

func (c *CsvLine) ParsedLines() int {
	return c.parsedLines
}

func (c *CsvLine) ParsedFields() int {
	return c.parsedFields
}
