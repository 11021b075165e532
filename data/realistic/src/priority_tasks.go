package main

import "fmt"

// PriorityTasks is a to-do queue: higher priority first, then first come first served.
type PriorityTasks struct {
	names      []string
	priorities []int
	completed  int
}

func NewPriorityTasks() *PriorityTasks {
	return &PriorityTasks{}
}

func (p *PriorityTasks) indexOf(name string) int {
	for i, n := range p.names {
		if n == name {
			return i
		}
	}
	return -1
}

func (p *PriorityTasks) Add(name string, priority int) {
	if name == "" {
		panic("task needs a name")
	}
	if p.indexOf(name) >= 0 {
		panic("duplicate task " + name)
	}
	if priority < 0 || priority > 9 {
		panic("priority must be 0..9")
	}
	at := 0
	for at < len(p.names) && p.priorities[at] >= priority {
		at++
	}
	p.names = append(p.names[:at], append([]string{name}, p.names[at:]...)...)
	p.priorities = append(p.priorities[:at], append([]int{priority}, p.priorities[at:]...)...)
}

func (p *PriorityTasks) Next() string {
	if len(p.names) == 0 {
		panic("nothing to do")
	}
	name := p.names[0]
	p.names, p.priorities = p.names[1:], p.priorities[1:]
	p.completed++
	return name
}

func (p *PriorityTasks) Peek() string {
	if len(p.names) == 0 {
		return ""
	}
	return p.names[0]
}

func (p *PriorityTasks) Bump(name string) bool {
	i := p.indexOf(name)
	if i < 0 {
		return false
	}
	priority := p.priorities[i] + 1
	if priority > 9 {
		priority = 9
	}
	p.Drop(name)
	p.Add(name, priority)
	return true
}

func (p *PriorityTasks) Drop(name string) bool {
	i := p.indexOf(name)
	if i < 0 {
		return false
	}
	p.names = append(p.names[:i], p.names[i+1:]...)
	p.priorities = append(p.priorities[:i], p.priorities[i+1:]...)
	return true
}

func (p *PriorityTasks) Listing() []string {
	out := []string{}
	for i, name := range p.names {
		out = append(out, fmt.Sprintf("[%d] %s", p.priorities[i], name))
	}
	return out
}

func (p *PriorityTasks) Pending() int {
	return len(p.names)
}

func (p *PriorityTasks) Completed() int {
	return p.completed
}
