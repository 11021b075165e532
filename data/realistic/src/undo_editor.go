package main

import "fmt"

// UndoEditor is a one-line text buffer with a cursor and an undo history of whole states.
type UndoEditor struct {
	text        string
	cursor      int
	undoTexts   []string
	undoCursors []int
}

func NewUndoEditor() *UndoEditor {
	return &UndoEditor{}
}

func (u *UndoEditor) Remember() {
	u.undoTexts = append(u.undoTexts, u.text)
	u.undoCursors = append(u.undoCursors, u.cursor)
}

func (u *UndoEditor) Type(s string) {
	if s == "" {
		return
	}
	u.Remember()
	u.text = u.text[:u.cursor] + s + u.text[u.cursor:]
	u.cursor += len(s)
}

func (u *UndoEditor) Backspace(n int) int {
	removed := n
	if removed < 0 {
		removed = 0
	}
	if removed > u.cursor {
		removed = u.cursor
	}
	if removed == 0 {
		return 0
	}
	u.Remember()
	u.text = u.text[:u.cursor-removed] + u.text[u.cursor:]
	u.cursor -= removed
	return removed
}

func (u *UndoEditor) MoveTo(position int) {
	if position < 0 || position > len(u.text) {
		panic(fmt.Sprintf("position %d", position))
	}
	u.cursor = position
}

func (u *UndoEditor) Undo() bool {
	last := len(u.undoTexts) - 1
	if last < 0 {
		return false
	}
	u.text, u.cursor = u.undoTexts[last], u.undoCursors[last]
	u.undoTexts, u.undoCursors = u.undoTexts[:last], u.undoCursors[:last]
	return true
}

func (u *UndoEditor) Text() string {
	return u.text
}

func (u *UndoEditor) Cursor() int {
	return u.cursor
}

func (u *UndoEditor) History() int {
	return len(u.undoTexts)
}

func (u *UndoEditor) Render() string {
	return u.text[:u.cursor] + "|" + u.text[u.cursor:]
}
