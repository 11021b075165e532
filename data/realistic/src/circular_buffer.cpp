#include <stdexcept>
#include <vector>
using namespace std;

// A fixed-capacity ring of readings; when full, a write overwrites the oldest one and counts it as dropped.
class CircularBuffer {
    vector<int> items;
    size_t head = 0;
    size_t count = 0;
    int dropped = 0;

public:
    explicit CircularBuffer(int capacity) {
        if (capacity < 1) throw invalid_argument("capacity must be at least 1");
        items.assign(capacity, 0);
    }

    void write(int value) {
        items[(head + count) % items.size()] = value;
        if (count == items.size()) {
            head = (head + 1) % items.size();
            dropped++;
        } else {
            count++;
        }
    }

    int read() {
        if (count == 0) throw underflow_error("buffer is empty");
        int value = items[head];
        head = (head + 1) % items.size();
        count--;
        return value;
    }

    int peek() const {
        if (count == 0) throw underflow_error("buffer is empty");
        return items[head];
    }

    int size() const { return static_cast<int>(count); }

    int dropped_count() const { return dropped; }

    vector<int> snapshot() const {
        vector<int> out;
        for (size_t i = 0; i < count; i++) out.push_back(items[(head + i) % items.size()]);
        return out;
    }

    double average() const {
        if (count == 0) return 0.0;
        long long sum = 0;
        for (size_t i = 0; i < count; i++) sum += items[(head + i) % items.size()];
        return static_cast<double>(sum) / count;
    }
};
