package verdict

import "lapse/app/words"

// Kind is a verdict, or the level a reason raises the verdict to.
type Kind string

// Verdicts, from mildest to most severe.
const (
	Keep              Kind = "keep"
	Watch             Kind = "watch"
	ConsiderSwitching Kind = "consider_switching"
	CancelBefore      Kind = "cancel_before"
)

// Kinds lists the verdicts from mildest to most severe.
var Kinds = []Kind{Keep, Watch, ConsiderSwitching, CancelBefore}

// Rank orders verdicts: keep 0, watch 1, consider switching 2, cancel before 3; unknown −1.
func (k Kind) Rank() int {
	for i, v := range Kinds {
		if v == k {
			return i
		}
	}
	return -1
}

var kindNames = map[Kind][2]string{ // [English, Japanese]
	Keep:              {"keep", "継続"},
	Watch:             {"watch", "様子見"},
	ConsiderSwitching: {"consider switching", "乗り換えを検討"},
	CancelBefore:      {"cancel before the next charge", "次回請求前に解約"},
	Ended:             {"ended", "終了"},
}

// Text names the verdict ("consider switching", "乗り換えを検討"); an unknown kind reads as its code.
func (k Kind) Text(l words.Lang) string {
	n, ok := kindNames[k]
	if !ok {
		return string(k)
	}
	return pick(l, n[0], n[1])
}

// maxKind is the more severe of a and b.
func maxKind(a, b Kind) Kind {
	if b.Rank() > a.Rank() {
		return b
	}
	return a
}
