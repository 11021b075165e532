#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>
using namespace std;

// Covered ranges of a number line, kept merged and sorted: [1,3) + [3,5) is [1,5).
class IntervalSet {
    vector<pair<int, int>> ranges;

public:
    void add(int start, int end) {
        if (start >= end) throw invalid_argument("empty range");
        vector<pair<int, int>> merged;
        int s = start, e = end;
        bool placed = false;
        for (const auto& r : ranges) {
            if (r.second < s) {
                merged.push_back(r);
            } else if (e < r.first) {
                if (!placed) {
                    merged.push_back({s, e});
                    placed = true;
                }
                merged.push_back(r);
            } else {
                s = min(s, r.first);
                e = max(e, r.second);
            }
        }
        if (!placed) merged.push_back({s, e});
        ranges = merged;
    }

    void remove(int start, int end) {
        vector<pair<int, int>> kept;
        for (const auto& r : ranges) {
            if (r.second <= start || end <= r.first) {
                kept.push_back(r);
                continue;
            }
            if (r.first < start) kept.push_back({r.first, start});
            if (end < r.second) kept.push_back({end, r.second});
        }
        ranges = kept;
    }

    bool contains(int point) const {
        for (const auto& r : ranges)
            if (r.first <= point && point < r.second) return true;
        return false;
    }

    int covered_length() const {
        int total = 0;
        for (const auto& r : ranges) total += r.second - r.first;
        return total;
    }

    int count() const { return static_cast<int>(ranges.size()); }

    string describe() const {
        if (ranges.empty()) return "(empty)";
        string out;
        for (const auto& r : ranges) {
            if (!out.empty()) out += ", ";
            out += "[" + to_string(r.first) + ", " + to_string(r.second) + ")";
        }
        return out;
    }
};
