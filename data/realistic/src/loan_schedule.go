package main

// LoanSchedule is a fixed-payment loan schedule in integer cents (monthly interest in basis points).
type LoanSchedule struct {
	principalCents int
	monthlyRateBps int
	months         int
	paidCents      int
	paymentsMade   int
}

func NewLoanSchedule(principalCents int, monthlyRateBps int, months int) *LoanSchedule {
	if principalCents <= 0 {
		panic("principal must be positive")
	}
	if monthlyRateBps < 0 || months <= 0 {
		panic("bad rate or term")
	}
	return &LoanSchedule{principalCents: principalCents, monthlyRateBps: monthlyRateBps, months: months}
}

// InterestDue is the interest owed this month on what is still outstanding, rounded down to a cent.
func (l *LoanSchedule) InterestDue() int {
	return l.Outstanding() * l.monthlyRateBps / 10000
}

func (l *LoanSchedule) Outstanding() int {
	return l.principalCents - l.paidCents
}

// PrincipalShare is the same every month; the last payment takes whatever is left.
func (l *LoanSchedule) PrincipalShare() int {
	if l.paymentsMade == l.months-1 {
		return l.Outstanding()
	}
	return l.principalCents / l.months
}

func (l *LoanSchedule) Pay() int {
	if l.paymentsMade >= l.months {
		panic("loan already repaid")
	}
	share := l.PrincipalShare()
	total := share + l.InterestDue()
	l.paidCents += share
	l.paymentsMade++
	return total
}

func (l *LoanSchedule) RemainingPayments() int {
	return l.months - l.paymentsMade
}

func (l *LoanSchedule) IsRepaid() bool {
	return l.paymentsMade == l.months
}

func (l *LoanSchedule) Preview(count int) []int {
	totals := []int{}
	left := l.Outstanding()
	for i, made := 0, l.paymentsMade; i < count && made < l.months; i, made = i+1, made+1 {
		share := l.principalCents / l.months
		if made == l.months-1 {
			share = left
		}
		totals = append(totals, share+left*l.monthlyRateBps/10000)
		left -= share
	}
	return totals
}
