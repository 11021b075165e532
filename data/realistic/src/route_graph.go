package main

import "sort"

// RouteGraph holds two-way routes between stops.
type RouteGraph struct {
	links  map[string][]string
	routes int
}

func NewRouteGraph() *RouteGraph {
	return &RouteGraph{links: map[string][]string{}}
}

func (r *RouteGraph) Connect(a string, b string) bool {
	if a == "" || b == "" || a == b {
		panic("bad route")
	}
	for _, stop := range r.links[a] {
		if stop == b {
			return false
		}
	}
	r.links[a] = append(r.links[a], b)
	r.links[b] = append(r.links[b], a)
	r.routes++
	return true
}

// Hops is the fewest routes between two stops, -1 when there is no way.
func (r *RouteGraph) Hops(from string, to string) int {
	_, okFrom := r.links[from]
	_, okTo := r.links[to]
	if !okFrom || !okTo {
		return -1
	}
	dist := map[string]int{from: 0}
	queue := []string{from}
	for len(queue) > 0 {
		at := queue[0]
		queue = queue[1:]
		if at == to {
			return dist[at]
		}
		for _, next := range r.links[at] {
			if _, seen := dist[next]; !seen {
				dist[next] = dist[at] + 1
				queue = append(queue, next)
			}
		}
	}
	return -1
}

func (r *RouteGraph) Reachable(from string) []string {
	seen := map[string]bool{}
	stack := []string{}
	if _, ok := r.links[from]; ok {
		stack = append(stack, from)
	}
	for len(stack) > 0 {
		at := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[at] {
			continue
		}
		seen[at] = true
		stack = append(stack, r.links[at]...)
	}
	out := []string{}
	for stop := range seen {
		if stop != from {
			out = append(out, stop)
		}
	}
	sort.Strings(out)
	return out
}

func (r *RouteGraph) Components() int {
	seen := map[string]bool{}
	count := 0
	for stop := range r.links {
		if seen[stop] {
			continue
		}
		count++
		seen[stop] = true
		for _, other := range r.Reachable(stop) {
			seen[other] = true
		}
	}
	return count
}

func (r *RouteGraph) Routes() int {
	return r.routes
}

func (r *RouteGraph) Stops() int {
	return len(r.links)
}
