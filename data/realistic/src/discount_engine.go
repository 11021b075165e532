package main

import "strings"

type InvalidCouponException struct {
	message string
}

func (e *InvalidCouponException) Error() string { return e.message }

// DiscountEngine prices orders in cents: volume tiers, one use per coupon, no discount under a floor.
type DiscountEngine struct {
	coupons       map[string]bool
	redeemed      map[string]bool
	minimumCents  int
	discountGiven int
}

func NewDiscountEngine(minimumCents int) *DiscountEngine {
	return &DiscountEngine{coupons: map[string]bool{}, redeemed: map[string]bool{}, minimumCents: minimumCents}
}

func (d *DiscountEngine) AddCoupon(code string) {
	c := strings.ToUpper(strings.TrimSpace(code))
	if len(c) < 3 {
		panic("coupon code too short")
	}
	d.coupons[c] = true
}

func (d *DiscountEngine) TierPercent(items int) int {
	switch {
	case items >= 50:
		return 15
	case items >= 20:
		return 10
	case items >= 10:
		return 5
	}
	return 0
}

func (d *DiscountEngine) Total(unitCents int, items int) int {
	if unitCents < 0 || items < 0 {
		panic("negative price or quantity")
	}
	gross := unitCents * items
	if gross < d.minimumCents {
		return gross
	}
	discount := gross * d.TierPercent(items) / 100
	d.discountGiven += discount
	return gross - discount
}

func (d *DiscountEngine) TotalWithCoupon(unitCents int, items int, code string) (int, error) {
	c := strings.ToUpper(strings.TrimSpace(code))
	if !d.coupons[c] || d.redeemed[c] {
		return 0, &InvalidCouponException{message: "invalid coupon " + code}
	}
	net := d.Total(unitCents, items)
	off := net
	if off > 500 {
		off = 500
	}
	d.redeemed[c] = true
	d.discountGiven += off
	return net - off, nil
}

func (d *DiscountEngine) IsRedeemed(code string) bool {
	return d.redeemed[strings.ToUpper(strings.TrimSpace(code))]
}

func (d *DiscountEngine) DiscountGiven() int {
	return d.discountGiven
}

func (d *DiscountEngine) CouponsLeft() int {
	return len(d.coupons) - len(d.redeemed)
}
