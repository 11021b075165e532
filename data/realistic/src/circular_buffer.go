package main

type BufferEmptyException struct {
	message string
}

func (e *BufferEmptyException) Error() string { return e.message }

// CircularBuffer is a fixed-capacity ring of readings; when full, a write overwrites the oldest one.
type CircularBuffer struct {
	items   []int
	head    int
	size    int
	dropped int
}

func NewCircularBuffer(capacity int) *CircularBuffer {
	if capacity <= 0 {
		panic("a buffer holds at least one reading")
	}
	return &CircularBuffer{items: make([]int, capacity)}
}

func (c *CircularBuffer) Write(value int) {
	tail := (c.head + c.size) % len(c.items)
	c.items[tail] = value
	if c.size == len(c.items) {
		c.head = (c.head + 1) % len(c.items)
		c.dropped++
	} else {
		c.size++
	}
}

func (c *CircularBuffer) Read() (int, error) {
	if c.size == 0 {
		return 0, &BufferEmptyException{message: "buffer is empty"}
	}
	value := c.items[c.head]
	c.head = (c.head + 1) % len(c.items)
	c.size--
	return value, nil
}

func (c *CircularBuffer) Peek() (int, error) {
	if c.size == 0 {
		return 0, &BufferEmptyException{message: "buffer is empty"}
	}
	return c.items[c.head], nil
}

func (c *CircularBuffer) Size() int {
	return c.size
}

func (c *CircularBuffer) DroppedCount() int {
	return c.dropped
}

func (c *CircularBuffer) Snapshot() []int {
	out := []int{}
	for i := 0; i < c.size; i++ {
		out = append(out, c.items[(c.head+i)%len(c.items)])
	}
	return out
}

func (c *CircularBuffer) Average() float64 {
	if c.size == 0 {
		return 0.0
	}
	sum := 0
	for i := 0; i < c.size; i++ {
		sum += c.items[(c.head+i)%len(c.items)]
	}
	return float64(sum) / float64(c.size)
}
