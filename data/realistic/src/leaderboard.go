package main

import (
	"fmt"
	"sort"
	"strings"
)

// Leaderboard keeps each player's best score; ties rank by who reached it first.
type Leaderboard struct {
	best        map[string]int
	reachedAt   map[string]int
	submissions int
}

func NewLeaderboard() *Leaderboard {
	return &Leaderboard{best: map[string]int{}, reachedAt: map[string]int{}}
}

func (l *Leaderboard) Submit(player string, score int) bool {
	if strings.TrimSpace(player) == "" {
		panic("player name required")
	}
	if score < 0 {
		panic("negative score")
	}
	l.submissions++
	if old, ok := l.best[player]; ok && old >= score {
		return false
	}
	l.best[player] = score
	l.reachedAt[player] = l.submissions
	return true
}

func (l *Leaderboard) Top(n int) []string {
	players := make([]string, 0, len(l.best))
	for p := range l.best {
		players = append(players, p)
	}
	sort.Slice(players, func(i, j int) bool {
		a, b := players[i], players[j]
		if l.best[a] != l.best[b] {
			return l.best[a] > l.best[b]
		}
		return l.reachedAt[a] < l.reachedAt[b]
	})
	out := []string{}
	for i := 0; i < n && i < len(players); i++ {
		out = append(out, fmt.Sprintf("%d. %s %d", i+1, players[i], l.best[players[i]]))
	}
	return out
}

func (l *Leaderboard) Rank(player string) int {
	mine, ok := l.best[player]
	if !ok {
		return -1
	}
	ahead := 0
	for other, score := range l.best {
		if score > mine || (score == mine && l.reachedAt[other] < l.reachedAt[player]) {
			ahead++
		}
	}
	return ahead + 1
}

func (l *Leaderboard) ScoreOf(player string) int {
	return l.best[player]
}

func (l *Leaderboard) Players() int {
	return len(l.best)
}

func (l *Leaderboard) Reset(player string) {
	delete(l.best, player)
	delete(l.reachedAt, player)
}
