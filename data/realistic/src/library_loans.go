package main

import "sort"

const (
	loanDays   = 14
	finePerDay = 25
	maxBooks   = 3
)

// LibraryLoans tracks books lent to members: 14-day loans, 25 cents per late day, at most 3 books per member.
type LibraryLoans struct {
	borrower map[string]string
	dueDay   map[string]int
	fines    map[string]int
}

func NewLibraryLoans() *LibraryLoans {
	return &LibraryLoans{borrower: map[string]string{}, dueDay: map[string]int{}, fines: map[string]int{}}
}

func (l *LibraryLoans) Lend(book string, member string, today int) {
	if _, lent := l.borrower[book]; lent {
		panic(book + " is already lent")
	}
	if len(l.LoansOf(member)) >= maxBooks {
		panic(member + " has too many books")
	}
	l.borrower[book] = member
	l.dueDay[book] = today + loanDays
}

func (l *LibraryLoans) GiveBack(book string, today int) int {
	member, lent := l.borrower[book]
	if !lent {
		panic(book + " is not lent")
	}
	delete(l.borrower, book)
	late := today - l.dueDay[book]
	if late < 0 {
		late = 0
	}
	delete(l.dueDay, book)
	fine := late * finePerDay
	if fine > 0 {
		l.fines[member] += fine
	}
	return fine
}

func (l *LibraryLoans) LoansOf(member string) []string {
	books := []string{}
	for book, who := range l.borrower {
		if who == member {
			books = append(books, book)
		}
	}
	sort.Strings(books)
	return books
}

func (l *LibraryLoans) FineOf(member string) int {
	return l.fines[member]
}

func (l *LibraryLoans) PayFine(member string, cents int) {
	owed := l.FineOf(member)
	if cents <= 0 || cents > owed {
		panic("cannot pay")
	}
	if cents == owed {
		delete(l.fines, member)
	} else {
		l.fines[member] = owed - cents
	}
}

func (l *LibraryLoans) IsLent(book string) bool {
	_, lent := l.borrower[book]
	return lent
}

func (l *LibraryLoans) Overdue(today int) []string {
	late := []string{}
	for book, due := range l.dueDay {
		if due < today {
			late = append(late, book)
		}
	}
	sort.Strings(late)
	return late
}
