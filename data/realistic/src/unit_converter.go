package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// UnitConverter converts lengths between registered units (factors in millimetres).
type UnitConverter struct {
	toMillimetres map[string]float64
	conversions   int
}

func NewUnitConverter() *UnitConverter {
	return &UnitConverter{toMillimetres: map[string]float64{
		"mm": 1.0, "cm": 10.0, "m": 1000.0, "km": 1000000.0, "in": 25.4, "ft": 304.8,
	}}
}

func (u *UnitConverter) Define(unit string, millimetres float64) {
	key := strings.ToLower(strings.TrimSpace(unit))
	if key == "" || millimetres <= 0 {
		panic("bad unit definition")
	}
	if _, ok := u.toMillimetres[key]; ok {
		panic("unit " + key + " exists")
	}
	u.toMillimetres[key] = millimetres
}

func (u *UnitConverter) Convert(value float64, from string, to string) float64 {
	factor := u.Factor(from) / u.Factor(to)
	u.conversions++
	return value * factor
}

// Format rounds to whole hundredths, half away from zero, and writes two decimals.
func (u *UnitConverter) Format(value float64, from string, to string) string {
	hundredths := int64(math.Floor(math.Abs(u.Convert(value, from, to))*100 + 0.5))
	sign := ""
	if value < 0 && hundredths != 0 {
		sign = "-"
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, hundredths/100, hundredths%100, strings.ToLower(strings.TrimSpace(to)))
}

func (u *UnitConverter) Knows(unit string) bool {
	_, ok := u.toMillimetres[strings.ToLower(strings.TrimSpace(unit))]
	return ok
}

func (u *UnitConverter) Units() []string {
	units := make([]string, 0, len(u.toMillimetres))
	for unit := range u.toMillimetres {
		units = append(units, unit)
	}
	sort.Strings(units)
	return units
}

func (u *UnitConverter) Conversions() int {
	return u.conversions
}

func (u *UnitConverter) Factor(unit string) float64 {
	f, ok := u.toMillimetres[strings.ToLower(strings.TrimSpace(unit))]
	if !ok {
		panic("unknown unit " + unit)
	}
	return f
}
