// stream_id.go holds streamID, a stream entry's ID (milliseconds and a
// sequence number), with Redis's parsing rules: <ms>-<seq>, <ms> alone,
// "-" and "+", "<ms>-*" where XADD allows it, and the numbers as Redis's
// string2ull reads them.
package main

import (
	"errors"
	"strconv"
)

// streamID is a stream entry's ID.
type streamID struct{ ms, seq uint64 }

// maxStreamID is the greatest ID ("+").
var maxStreamID = streamID{1<<64 - 1, 1<<64 - 1}

// errInvalidID is Redis's reply to an ID it cannot parse.
var errInvalidID = errors.New("ERR Invalid stream ID specified as stream command argument")

// cmp compares two IDs: -1, 0 or 1.
func (a streamID) cmp(b streamID) int {
	switch {
	case a.ms != b.ms:
		if a.ms < b.ms {
			return -1
		}
		return 1
	case a.seq < b.seq:
		return -1
	case a.seq > b.seq:
		return 1
	}
	return 0
}

// isZero reports whether id is 0-0.
func (a streamID) isZero() bool { return a.ms == 0 && a.seq == 0 }

// next returns the ID after a; false (and 0-0) past the greatest.
func (a streamID) next() (streamID, bool) {
	switch {
	case a.seq < 1<<64-1:
		return streamID{a.ms, a.seq + 1}, true
	case a.ms < 1<<64-1:
		return streamID{a.ms + 1, 0}, true
	}
	return streamID{}, false
}

// prev returns the ID before a; false (and the greatest) before 0-0.
func (a streamID) prev() (streamID, bool) {
	switch {
	case a.seq > 0:
		return streamID{a.ms, a.seq - 1}, true
	case a.ms > 0:
		return streamID{a.ms - 1, 1<<64 - 1}, true
	}
	return maxStreamID, false
}

// String formats the ID as <ms>-<seq>.
func (a streamID) String() string { return string(a.appendTo(nil)) }

// appendTo appends the ID as <ms>-<seq>.
func (a streamID) appendTo(dst []byte) []byte {
	dst = strconv.AppendUint(dst, a.ms, 10)
	dst = append(dst, '-')
	return strconv.AppendUint(dst, a.seq, 10)
}

// idSpec says how parseID reads an ID.
type idSpec struct {
	missingSeq uint64 // the sequence of an ID given as <ms> alone
	strict     bool   // "-" and "+" are refused
	seqStar    bool   // "<ms>-*" is allowed (XADD): seqGiven reports it
}

// parseID parses an ID as Redis's streamGenericParseIDOrReply does. It
// reports whether the sequence was given (false for "<ms>-*").
func parseID(b []byte, sp idSpec) (id streamID, seqGiven bool, err error) {
	if len(b) > 127 {
		return id, false, errInvalidID
	}
	s := string(b)
	if s == "-" || s == "+" {
		if sp.strict {
			return id, false, errInvalidID
		}
		if s == "-" {
			return streamID{}, true, nil
		}
		return maxStreamID, true, nil
	}
	msPart, seqPart, dash := cutByte(s, '-')
	ms, ok := parseULL(msPart)
	if !ok {
		return id, false, errInvalidID
	}
	seq := sp.missingSeq
	if dash {
		if sp.seqStar && seqPart == "*" {
			return streamID{ms, 0}, false, nil
		}
		if seq, ok = parseULL(seqPart); !ok {
			return id, false, errInvalidID
		}
	}
	return streamID{ms, seq}, true, nil
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
	if n, ok := parseCanonicalInt(s); ok {
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
	u, ok := parseDigits(s[i:])
	if !ok {
		return 0, false
	}
	if neg {
		u = -u
	}
	return u, true
}

// parseRangeID parses an XRANGE-style bound: a "(" prefix makes it
// exclusive (and strict); an incomplete ID takes missingSeq.
func parseRangeID(b []byte, missingSeq uint64) (id streamID, exclusive bool, err error) {
	if len(b) > 1 && b[0] == '(' {
		id, _, err = parseID(b[1:], idSpec{missingSeq: missingSeq, strict: true})
		return id, true, err
	}
	id, _, err = parseID(b, idSpec{missingSeq: missingSeq})
	return id, false, err
}

// parseStartEnd parses an inclusive range's start and end, applying "("
// bounds, with Redis's errors.
func parseStartEnd(start, end []byte) (streamID, streamID, error) {
	s, ex, err := parseRangeID(start, 0)
	if err != nil {
		return s, s, err
	}
	if ex {
		var ok bool
		if s, ok = s.next(); !ok {
			return s, s, errors.New("ERR invalid start ID for the interval")
		}
	}
	e, ex, err := parseRangeID(end, 1<<64-1)
	if err != nil {
		return s, e, err
	}
	if ex {
		var ok bool
		if e, ok = e.prev(); !ok {
			return s, e, errors.New("ERR invalid end ID for the interval")
		}
	}
	return s, e, nil
}
