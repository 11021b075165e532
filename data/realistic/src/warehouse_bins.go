package main

import (
	"fmt"
	"sort"
)

type CapacityException struct {
	message string
}

func (e *CapacityException) Error() string { return e.message }

// WarehouseBins keeps stock in numbered bins of equal capacity; a delivery fills the fullest bin that fits it.
type WarehouseBins struct {
	capacity int
	bins     []map[string]int
}

func NewWarehouseBins(bins int, capacity int) *WarehouseBins {
	if bins <= 0 || capacity <= 0 {
		panic("bins and capacity must be positive")
	}
	w := &WarehouseBins{capacity: capacity}
	for i := 0; i < bins; i++ {
		w.bins = append(w.bins, map[string]int{})
	}
	return w
}

func (w *WarehouseBins) Used(bin int) int {
	sum := 0
	for _, q := range w.bins[bin] {
		sum += q
	}
	return sum
}

func (w *WarehouseBins) Store(sku string, quantity int) (int, error) {
	if quantity <= 0 {
		panic("quantity must be positive")
	}
	best := -1
	for i := range w.bins {
		if w.capacity-w.Used(i) >= quantity && (best < 0 || w.Used(i) > w.Used(best)) {
			best = i
		}
	}
	if best < 0 {
		return 0, &CapacityException{message: fmt.Sprintf("no bin has room for %d of %s", quantity, sku)}
	}
	w.bins[best][sku] += quantity
	return best, nil
}

func (w *WarehouseBins) Pick(sku string, quantity int) int {
	picked := 0
	for _, bin := range w.bins {
		have, ok := bin[sku]
		if !ok || picked == quantity {
			continue
		}
		take := quantity - picked
		if have < take {
			take = have
		}
		if take == have {
			delete(bin, sku)
		} else {
			bin[sku] = have - take
		}
		picked += take
	}
	return picked
}

func (w *WarehouseBins) StockOf(sku string) int {
	total := 0
	for _, bin := range w.bins {
		total += bin[sku]
	}
	return total
}

func (w *WarehouseBins) Contents(bin int) []string {
	if bin < 0 || bin >= len(w.bins) {
		panic(fmt.Sprintf("no bin %d", bin))
	}
	skus := make([]string, 0, len(w.bins[bin]))
	for sku := range w.bins[bin] {
		skus = append(skus, sku)
	}
	sort.Strings(skus)
	out := []string{}
	for _, sku := range skus {
		out = append(out, fmt.Sprintf("%s x%d", sku, w.bins[bin][sku]))
	}
	return out
}

func (w *WarehouseBins) FreeSpace() int {
	free := 0
	for i := range w.bins {
		free += w.capacity - w.Used(i)
	}
	return free
}
