package main

import "fmt"

// EventCalendar holds a day's meetings as [start, end) minutes; an overlapping meeting is refused.
type EventCalendar struct {
	titles   []string
	starts   []int
	ends     []int
	dayStart int
	dayEnd   int
}

func NewEventCalendar(dayStart int, dayEnd int) *EventCalendar {
	if dayStart < 0 || dayEnd > 24*60 || dayStart >= dayEnd {
		panic("bad day")
	}
	return &EventCalendar{dayStart: dayStart, dayEnd: dayEnd}
}

func (e *EventCalendar) Book(title string, start int, minutes int) bool {
	end := start + minutes
	if minutes <= 0 || start < e.dayStart || end > e.dayEnd {
		return false
	}
	for i := range e.starts {
		if start < e.ends[i] && e.starts[i] < end {
			return false
		}
	}
	at := 0
	for at < len(e.starts) && e.starts[at] < start {
		at++
	}
	e.titles = append(e.titles[:at], append([]string{title}, e.titles[at:]...)...)
	e.starts = append(e.starts[:at], append([]int{start}, e.starts[at:]...)...)
	e.ends = append(e.ends[:at], append([]int{end}, e.ends[at:]...)...)
	return true
}

func (e *EventCalendar) Cancel(title string) bool {
	i := -1
	for j, t := range e.titles {
		if t == title {
			i = j
			break
		}
	}
	if i < 0 {
		return false
	}
	e.titles = append(e.titles[:i], e.titles[i+1:]...)
	e.starts = append(e.starts[:i], e.starts[i+1:]...)
	e.ends = append(e.ends[:i], e.ends[i+1:]...)
	return true
}

func (e *EventCalendar) Agenda() []string {
	lines := []string{}
	for i, title := range e.titles {
		lines = append(lines, Clock(e.starts[i])+"-"+Clock(e.ends[i])+" "+title)
	}
	return lines
}

func (e *EventCalendar) FreeMinutes() int {
	busy := 0
	for i := range e.starts {
		busy += e.ends[i] - e.starts[i]
	}
	return e.dayEnd - e.dayStart - busy
}

func (e *EventCalendar) FirstFreeSlot(minutes int) int {
	at := e.dayStart
	for i := range e.starts {
		if e.starts[i]-at >= minutes {
			return at
		}
		if e.ends[i] > at {
			at = e.ends[i]
		}
	}
	if e.dayEnd-at >= minutes {
		return at
	}
	return -1
}

func Clock(minute int) string {
	return fmt.Sprintf("%02d:%02d", minute/60, minute%60)
}
