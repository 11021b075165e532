#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

// Evaluates integer reverse Polish notation: {"3", "4", "+", "2", "*"} -> 14
long eval_rpn(const vector<string>& tokens) {
    vector<long> stack;
    for (const string& t : tokens) {
        if (t == "+" || t == "-" || t == "*" || t == "/") {
            if (stack.size() < 2) throw invalid_argument("missing operand for " + t);
            long b = stack.back(); stack.pop_back();
            long a = stack.back(); stack.pop_back();
            if (t == "+") stack.push_back(a + b);
            else if (t == "-") stack.push_back(a - b);
            else if (t == "*") stack.push_back(a * b);
            else {
                if (b == 0) throw domain_error("division by zero");
                stack.push_back(a / b);
            }
        } else {
            size_t used = 0;
            long v = stol(t, &used);
            if (used != t.size()) throw invalid_argument("bad token " + t);
            stack.push_back(v);
        }
    }
    if (stack.size() != 1) throw invalid_argument("expression does not reduce to one value");
    return stack.back();
}
// ---- tests ----
#include <cassert>
int main() {
    assert(eval_rpn({"3", "4", "+", "2", "*"}) == 14);
    assert(eval_rpn({"10", "3", "-"}) == 7);
    assert(eval_rpn({"7", "2", "/"}) == 3);
    assert(eval_rpn({"-8"}) == -8);
    int errors = 0;
    try { eval_rpn({"1", "+"}); } catch (const invalid_argument&) { errors++; }
    try { eval_rpn({"1", "0", "/"}); } catch (const domain_error&) { errors++; }
    try { eval_rpn({"1", "2"}); } catch (const invalid_argument&) { errors++; }
    try { eval_rpn({"1x"}); } catch (const invalid_argument&) { errors++; }
    assert(errors == 4);
    return 0;
}
