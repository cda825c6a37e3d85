// Package streamid holds ID, a stream entry's ID (milliseconds and a
// sequence number), with Redis's parsing rules: <ms>-<seq>, <ms> alone,
// "-" and "+", "<ms>-*" where XADD allows it, and the numbers as Redis's
// string2ull reads them; its order, increments and text form.
package streamid

import (
	"errors"
	"strconv"

	"nosql/internal/intconv"
)

// ID is a stream entry's ID.
type ID struct{ Ms, Seq uint64 }

// Max returns the greatest ID ("+").
func Max() ID { return ID{1<<64 - 1, 1<<64 - 1} }

// ErrInvalid is Redis's reply to an ID it cannot parse.
var ErrInvalid = errors.New("ERR Invalid stream ID specified as stream command argument")

// Cmp compares two IDs: -1, 0 or 1.
func (a ID) Cmp(b ID) int {
	switch {
	case a.Ms != b.Ms:
		if a.Ms < b.Ms {
			return -1
		}
		return 1
	case a.Seq < b.Seq:
		return -1
	case a.Seq > b.Seq:
		return 1
	}
	return 0
}

// IsZero reports whether id is 0-0.
func (a ID) IsZero() bool { return a.Ms == 0 && a.Seq == 0 }

// Next returns the ID after a; false (and 0-0) past the greatest.
func (a ID) Next() (ID, bool) {
	switch {
	case a.Seq < 1<<64-1:
		return ID{a.Ms, a.Seq + 1}, true
	case a.Ms < 1<<64-1:
		return ID{a.Ms + 1, 0}, true
	}
	return ID{}, false
}

// Prev returns the ID before a; false (and the greatest) before 0-0.
func (a ID) Prev() (ID, bool) {
	switch {
	case a.Seq > 0:
		return ID{a.Ms, a.Seq - 1}, true
	case a.Ms > 0:
		return ID{a.Ms - 1, 1<<64 - 1}, true
	}
	return Max(), false
}

// String formats the ID as <ms>-<seq>.
func (a ID) String() string { return string(a.AppendTo(nil)) }

// AppendTo appends the ID as <ms>-<seq>.
func (a ID) AppendTo(dst []byte) []byte {
	dst = strconv.AppendUint(dst, a.Ms, 10)
	dst = append(dst, '-')
	return strconv.AppendUint(dst, a.Seq, 10)
}

// Spec says how Parse reads an ID.
type Spec struct {
	MissingSeq uint64 // the sequence of an ID given as <ms> alone
	Strict     bool   // "-" and "+" are refused
	SeqStar    bool   // "<ms>-*" is allowed (XADD): Parse's seqGiven reports it
}

// Parse parses an ID as Redis's streamGenericParseIDOrReply does. It
// reports whether the sequence was given (false for "<ms>-*").
func Parse(b []byte, sp Spec) (id ID, seqGiven bool, err error) {
	if len(b) > 127 {
		return id, false, ErrInvalid
	}
	s := string(b)
	if s == "-" || s == "+" {
		if sp.Strict {
			return id, false, ErrInvalid
		}
		if s == "-" {
			return ID{}, true, nil
		}
		return Max(), true, nil
	}
	msPart, seqPart, dash := cutByte(s, '-')
	ms, ok := parseULL(msPart)
	if !ok {
		return id, false, ErrInvalid
	}
	seq := sp.MissingSeq
	if dash {
		if sp.SeqStar && seqPart == "*" {
			return ID{ms, 0}, false, nil
		}
		if seq, ok = parseULL(seqPart); !ok {
			return id, false, ErrInvalid
		}
	}
	return ID{ms, seq}, true, nil
}

// cutByte splits s around the first c.
func cutByte(s string, c byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// parseULL reads an unsigned 64-bit number as Redis's string2ull does: a
// canonical integer (not negative), or else what C's strtoull accepts
// whole (leading spaces, a sign, leading zeros), negation wrapping.
func parseULL(s string) (uint64, bool) {
	if n, ok := intconv.ParseCanonical(s); ok {
		return uint64(n), n >= 0
	}
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if i == len(s) || s == "" {
		return 0, false
	}
	u, ok := intconv.ParseDigits(s[i:])
	if !ok {
		return 0, false
	}
	if neg {
		u = -u
	}
	return u, true
}

// ParseRange parses an XRANGE-style bound: a "(" prefix makes it
// exclusive (and strict); an incomplete ID takes missingSeq.
func ParseRange(b []byte, missingSeq uint64) (id ID, exclusive bool, err error) {
	if len(b) > 1 && b[0] == '(' {
		id, _, err = Parse(b[1:], Spec{MissingSeq: missingSeq, Strict: true})
		return id, true, err
	}
	id, _, err = Parse(b, Spec{MissingSeq: missingSeq})
	return id, false, err
}

// ParseStartEnd parses an inclusive range's start and end, applying "("
// bounds, with Redis's errors.
func ParseStartEnd(start, end []byte) (ID, ID, error) {
	s, ex, err := ParseRange(start, 0)
	if err != nil {
		return s, s, err
	}
	if ex {
		var ok bool
		if s, ok = s.Next(); !ok {
			return s, s, errors.New("ERR invalid start ID for the interval")
		}
	}
	e, ex, err := ParseRange(end, 1<<64-1)
	if err != nil {
		return s, e, err
	}
	if ex {
		var ok bool
		if e, ok = e.Prev(); !ok {
			return s, e, errors.New("ERR invalid end ID for the interval")
		}
	}
	return s, e, nil
}
