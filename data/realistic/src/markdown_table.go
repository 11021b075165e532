package main

import (
	"fmt"
	"strings"
)

// MarkdownTable builds a Markdown table with columns aligned by their widest cell.
type MarkdownTable struct {
	header []string
	rows   [][]string
}

func NewMarkdownTable(header []string) *MarkdownTable {
	if len(header) == 0 {
		panic("a table needs at least one column")
	}
	return &MarkdownTable{header: append([]string{}, header...)}
}

func (m *MarkdownTable) AddRow(cells []string) int {
	if len(cells) > len(m.header) {
		panic(fmt.Sprintf("too many cells: %d", len(cells)))
	}
	row := make([]string, len(m.header))
	for i := range m.header {
		if i < len(cells) {
			row[i] = Escape(cells[i])
		}
	}
	m.rows = append(m.rows, row)
	return len(m.rows)
}

func (m *MarkdownTable) Width(column int) int {
	if column < 0 || column >= len(m.header) {
		panic(fmt.Sprintf("column %d", column))
	}
	w := len(Escape(m.header[column]))
	if w < 3 {
		w = 3
	}
	for _, row := range m.rows {
		if len(row[column]) > w {
			w = len(row[column])
		}
	}
	return w
}

func (m *MarkdownTable) Render() string {
	cells := make([]string, len(m.header))
	rule := make([]string, len(m.header))
	for i, h := range m.header {
		cells[i] = Escape(h)
		rule[i] = strings.Repeat("-", m.Width(i))
	}
	var sb strings.Builder
	sb.WriteString(m.Line(cells))
	sb.WriteString(m.Line(rule))
	for _, row := range m.rows {
		sb.WriteString(m.Line(row))
	}
	return sb.String()
}

func (m *MarkdownTable) RowCount() int {
	return len(m.rows)
}

func (m *MarkdownTable) Line(cells []string) string {
	var sb strings.Builder
	sb.WriteString("|")
	for i, cell := range cells {
		sb.WriteString(" " + cell + strings.Repeat(" ", m.Width(i)-len(cell)) + " |")
	}
	sb.WriteString("\n")
	return sb.String()
}

func Escape(cell string) string {
	return strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(cell), "|", "\\|"), "\n", " ")
}
