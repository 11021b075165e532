package main

import (
	"fmt"
	"sort"
)

type TransferException struct {
	message string
}

func (e *TransferException) Error() string { return e.message }

// AccountTransfers keeps balances in cents by account id; transfers are all-or-nothing and journaled.
type AccountTransfers struct {
	balances       map[string]int
	journal        []string
	overdraftLimit int
}

func NewAccountTransfers(overdraftLimit int) *AccountTransfers {
	if overdraftLimit < 0 {
		panic("negative overdraft limit")
	}
	return &AccountTransfers{balances: map[string]int{}, overdraftLimit: overdraftLimit}
}

func (a *AccountTransfers) Open(id string, cents int) {
	if _, ok := a.balances[id]; ok {
		panic("account " + id + " exists")
	}
	if cents < 0 {
		panic("negative opening balance")
	}
	a.balances[id] = cents
	a.journal = append(a.journal, fmt.Sprintf("open %s %d", id, cents))
}

func (a *AccountTransfers) Balance(id string) (int, error) {
	cents, ok := a.balances[id]
	if !ok {
		return 0, &TransferException{message: "no account " + id}
	}
	return cents, nil
}

func (a *AccountTransfers) Transfer(from string, to string, cents int) error {
	if cents <= 0 {
		return &TransferException{message: "amount must be positive"}
	}
	if from == to {
		return &TransferException{message: "same account"}
	}
	balance, err := a.Balance(from)
	if err != nil {
		return err
	}
	target, err := a.Balance(to)
	if err != nil {
		return err
	}
	if cents > balance+a.overdraftLimit {
		return &TransferException{message: "insufficient funds in " + from}
	}
	a.balances[from] = balance - cents
	a.balances[to] = target + cents
	a.journal = append(a.journal, fmt.Sprintf("%s -> %s %d", from, to, cents))
	return nil
}

func (a *AccountTransfers) Total() int {
	sum := 0
	for _, cents := range a.balances {
		sum += cents
	}
	return sum
}

func (a *AccountTransfers) Overdrawn() []string {
	ids := []string{}
	for id, cents := range a.balances {
		if cents < 0 {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

func (a *AccountTransfers) LastEntries(n int) []string {
	if n < 0 {
		panic("negative count")
	}
	from := len(a.journal) - n
	if from < 0 {
		from = 0
	}
	return append([]string{}, a.journal[from:]...)
}
