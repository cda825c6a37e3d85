// lib_table.go is the table library: insert, remove, concat, sort, getn,
// maxn.
package lua

import (
	"sort"
	"strings"
)

func openTable(s *State) {
	lib := NewTable(0, 8)
	fns := map[string]func(s *State, args []Value) []Value{
		"insert": tabInsert, "remove": tabRemove, "concat": tabConcat, "sort": tabSort,
		"getn": tabGetn, "maxn": tabMaxn,
	}
	for name, fn := range fns {
		lib.Set(name, &GoFunction{name, fn})
	}
	s.Globals.Set("table", lib)
}

func (s *State) writable(t *Table) *Table {
	if t.Readonly {
		s.Errorf("Attempt to modify a readonly table")
	}
	return t
}

func tabInsert(s *State, args []Value) []Value {
	t := s.writable(s.CheckTable(args, 0, "insert"))
	n := t.Len()
	switch len(args) {
	case 2:
		t.SetInt(n+1, args[1])
	case 3:
		pos := s.CheckInt(args, 1, "insert")
		if pos > n+1 {
			n = pos - 1
		}
		for i := n; i >= pos; i-- {
			t.SetInt(i+1, t.GetInt(i))
		}
		t.SetInt(pos, args[2])
	default:
		s.Errorf("wrong number of arguments to 'insert'")
	}
	return nil
}

func tabRemove(s *State, args []Value) []Value {
	t := s.writable(s.CheckTable(args, 0, "remove"))
	n := t.Len()
	pos := s.OptInt(args, 1, "remove", n)
	if n == 0 {
		return nil
	}
	v := t.GetInt(pos)
	for i := pos; i < n; i++ {
		t.SetInt(i, t.GetInt(i+1))
	}
	t.SetInt(n, nil)
	return []Value{v}
}

func tabConcat(s *State, args []Value) []Value {
	t := s.CheckTable(args, 0, "concat")
	sep := ""
	if Arg(args, 1) != nil {
		sep = s.CheckString(args, 1, "concat")
	}
	i := s.OptInt(args, 2, "concat", 1)
	j := t.Len()
	if Arg(args, 3) != nil {
		j = s.CheckInt(args, 3, "concat")
	}
	var b strings.Builder
	for k := i; k <= j; k++ {
		str, ok := ToString(t.GetInt(k))
		if !ok {
			s.Errorf("invalid value (%s) at index %d in table for 'concat'", TypeName(t.GetInt(k)), k)
		}
		b.WriteString(str)
		if k < j {
			b.WriteString(sep)
		}
		if b.Len() > MaxStringLen {
			s.Errorf("resulting string too large")
		}
	}
	s.Charge(b.Len())
	return []Value{b.String()}
}

func tabSort(s *State, args []Value) []Value {
	t := s.writable(s.CheckTable(args, 0, "sort"))
	n := t.Len()
	cmp := Arg(args, 1)
	if cmp != nil {
		switch cmp.(type) {
		case *Closure, *GoFunction:
		default:
			s.typeArgError(args, 1, "sort", "function")
		}
	}
	vals := make([]Value, n)
	for i := range vals {
		vals[i] = t.GetInt(i + 1)
	}
	less := func(a, b Value) bool {
		if cmp != nil {
			return Truthy(first(s.call(cmp, []Value{a, b}, 0)))
		}
		return s.less(a, b, 0)
	}
	sort.SliceStable(vals, func(i, j int) bool { return less(vals[i], vals[j]) })
	for i, v := range vals {
		t.SetInt(i+1, v)
	}
	return nil
}

func tabGetn(s *State, args []Value) []Value {
	return []Value{float64(s.CheckTable(args, 0, "getn").Len())}
}

func tabMaxn(s *State, args []Value) []Value {
	t := s.CheckTable(args, 0, "maxn")
	m := 0.0
	for k, _, _ := t.Next(nil); k != nil; k, _, _ = t.Next(k) {
		if f, ok := k.(float64); ok && f > m {
			m = f
		}
	}
	return []Value{m}
}
