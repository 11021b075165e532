import java.util.ArrayList;
import java.util.List;

class BufferEmptyException extends Exception {
    BufferEmptyException() { super("buffer is empty"); }
}

/** A fixed-capacity ring of readings; when full, a write overwrites the oldest one and counts it as dropped. */
class CircularBuffer {
    private final int[] items;
    private int head;
    private int size;
    private int dropped;

    CircularBuffer(int capacity) {
        if (capacity <= 0) throw new IllegalArgumentException("a buffer holds at least one reading");
        items = new int[capacity];
    }

    void write(int value) {
        int tail = (head + size) % items.length;
        items[tail] = value;
        if (size == items.length) {
            head = (head + 1) % items.length;
            dropped++;
        } else {
            size++;
        }
    }

    int read() throws BufferEmptyException {
        if (size == 0) throw new BufferEmptyException();
        int value = items[head];
        head = (head + 1) % items.length;
        size--;
        return value;
    }

    int peek() throws BufferEmptyException {
        if (size == 0) throw new BufferEmptyException();
        return items[head];
    }

    int size() {
        return size;
    }

    int droppedCount() {
        return dropped;
    }

    List<Integer> snapshot() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < size; i++) out.add(items[(head + i) % items.length]);
        return out;
    }

    double average() {
        if (size == 0) return 0.0;
        long sum = 0;
        for (int i = 0; i < size; i++) sum += items[(head + i) % items.length];
        return (double) sum / size;
    }
}
