package main

import (
	"fmt"
	"sort"
	"strings"
)

type SessionExpiredException struct {
	message string
}

func (e *SessionExpiredException) Error() string { return e.message }

// SessionStore keeps login sessions that expire after an idle time; times are seconds from the caller.
type SessionStore struct {
	users       map[string]string
	lastSeen    map[string]int
	idleSeconds int
	issued      int
}

func NewSessionStore(idleSeconds int) *SessionStore {
	if idleSeconds <= 0 {
		panic("idle time must be positive")
	}
	return &SessionStore{users: map[string]string{}, lastSeen: map[string]int{}, idleSeconds: idleSeconds}
}

func (s *SessionStore) Login(user string, now int) string {
	name := strings.TrimSpace(user)
	if name == "" {
		panic("user required")
	}
	s.issued++
	token := fmt.Sprintf("%s-%d", strings.ReplaceAll(strings.ToLower(name), " ", "_"), s.issued)
	s.users[token] = name
	s.lastSeen[token] = now
	return token
}

func (s *SessionStore) Touch(token string, now int) (string, error) {
	seen, ok := s.lastSeen[token]
	if !ok || now-seen > s.idleSeconds {
		s.Logout(token)
		return "", &SessionExpiredException{message: "session " + token + " expired"}
	}
	if now > seen {
		s.lastSeen[token] = now
	}
	return s.users[token], nil
}

func (s *SessionStore) Logout(token string) bool {
	delete(s.lastSeen, token)
	_, had := s.users[token]
	delete(s.users, token)
	return had
}

func (s *SessionStore) Sweep(now int) int {
	expired := []string{}
	for token, seen := range s.lastSeen {
		if now-seen > s.idleSeconds {
			expired = append(expired, token)
		}
	}
	for _, token := range expired {
		s.Logout(token)
	}
	return len(expired)
}

func (s *SessionStore) ActiveUsers() []string {
	seen := map[string]bool{}
	names := []string{}
	for _, name := range s.users {
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

func (s *SessionStore) Active() int {
	return len(s.users)
}
