#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

// "1.5, -2,3e2" -> {1.5, -2, 300}; blank fields are an error
vector<double> parse_numbers(const string& line) {
    vector<double> out;
    if (line.find_first_not_of(" ") == string::npos) return out;
    size_t start = 0;
    while (true) {
        size_t comma = line.find(',', start);
        string field = line.substr(start, comma == string::npos ? string::npos : comma - start);
        size_t used = 0;
        double v;
        try {
            v = stod(field, &used);
        } catch (const exception&) {
            throw invalid_argument("not a number: '" + field + "'");
        }
        if (field.find_first_not_of(" ", used) != string::npos) throw invalid_argument("trailing text: " + field);
        out.push_back(v);
        if (comma == string::npos) break;
        start = comma + 1;
    }
    return out;
}

double mean(const vector<double>& xs) {
    if (xs.empty()) throw domain_error("mean of nothing");
    double s = 0;
    for (double x : xs) s += x;
    return s / xs.size();
}
// ---- tests ----
#include <cassert>
int main() {
    vector<double> v = parse_numbers("1.5, -2,3e2");
    assert(v.size() == 3 && v[0] == 1.5 && v[1] == -2 && v[2] == 300);
    assert(parse_numbers("").empty() && parse_numbers("   ").empty());
    assert(mean(v) == 299.5 / 3 && mean({4}) == 4);
    int errors = 0;
    for (const char* bad : {"1,,2", "x", "2 3", "1,"}) {
        try { parse_numbers(bad); } catch (const invalid_argument&) { errors++; }
    }
    try { mean({}); } catch (const domain_error&) { errors++; }
    assert(errors == 5);
    return 0;
}
