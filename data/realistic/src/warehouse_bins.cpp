#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

class CapacityError : public runtime_error {
public:
    explicit CapacityError(const string& message) : runtime_error(message) {}
};

// Stock kept in numbered bins of equal capacity; a delivery fills the fullest bin that still fits it.
class WarehouseBins {
    int capacity;
    vector<map<string, int>> bins;

public:
    WarehouseBins(int bin_count, int capacity) : capacity(capacity) {
        if (bin_count <= 0 || capacity <= 0) throw invalid_argument("bins and capacity must be positive");
        bins.resize(bin_count);
    }

    int used(int bin) const {
        int sum = 0;
        for (const auto& [sku, q] : bins.at(bin)) sum += q;
        return sum;
    }

    int store(const string& sku, int quantity) {
        if (quantity <= 0) throw invalid_argument("quantity must be positive");
        int best = -1;
        for (int i = 0; i < static_cast<int>(bins.size()); i++)
            if (capacity - used(i) >= quantity && (best < 0 || used(i) > used(best))) best = i;
        if (best < 0) throw CapacityError("no bin has room for " + to_string(quantity) + " of " + sku);
        bins[best][sku] += quantity;
        return best;
    }

    int pick(const string& sku, int quantity) {
        int picked = 0;
        for (auto& bin : bins) {
            auto it = bin.find(sku);
            if (it == bin.end() || picked == quantity) continue;
            int take = min(it->second, quantity - picked);
            if (take == it->second) bin.erase(it);
            else it->second -= take;
            picked += take;
        }
        return picked;
    }

    int stock_of(const string& sku) const {
        int total = 0;
        for (const auto& bin : bins) {
            auto it = bin.find(sku);
            if (it != bin.end()) total += it->second;
        }
        return total;
    }

    vector<string> contents(int bin) const {
        if (bin < 0 || bin >= static_cast<int>(bins.size())) throw out_of_range("no bin " + to_string(bin));
        vector<string> out;
        for (const auto& [sku, q] : bins[bin]) out.push_back(sku + " x" + to_string(q));
        return out;
    }

    int free_space() const {
        int free = 0;
        for (int i = 0; i < static_cast<int>(bins.size()); i++) free += capacity - used(i);
        return free;
    }
};
