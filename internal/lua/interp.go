// interp.go is the tree-walking evaluator: calls, statements and
// expressions, with Lua 5.1's semantics for multiple results, varargs,
// closures over fresh per-iteration locals, and its error messages.
package lua

import (
	"math"
	"strings"
)

// control says how a block ended.
type control int

const (
	ctlNone control = iota
	ctlBreak
	ctlReturn
)

// call calls fn; line is the caller's line for messages.
func (s *State) call(fn Value, args []Value, line int) []Value {
	switch f := fn.(type) {
	case *Closure:
		return s.callLua(f, args)
	case *GoFunction:
		s.enterCall()
		s.frames = append(s.frames, s.goFrame)
		rets := f.Fn(s, args)
		s.frames = s.frames[:len(s.frames)-1]
		s.leaveCall()
		return rets
	case *Table:
		if h := metaField(f, "__call"); h != nil {
			return s.call(h, append([]Value{f}, args...), line)
		}
	}
	s.rtError(line, "attempt to call a %s value", TypeName(fn))
	return nil
}

func (s *State) enterCall() {
	s.depth++
	if s.depth > MaxCallDepth {
		s.depth = 0 // let the error unwind; Call restores it
		s.Errorf("stack overflow")
	}
	s.tick()
}

func (s *State) leaveCall() { s.depth-- }

func (p *funcProto) isCaptured(slot int) bool {
	return slot < len(p.captured) && p.captured[slot]
}

// callLua runs a Lua function.
func (s *State) callLua(cl *Closure, args []Value) []Value {
	s.enterCall()
	p := cl.proto
	cells := make([]Value, p.nslots)
	fr := &frame{cl: cl, slots: make([]*Value, p.nslots), line: p.line}
	for i := range cells {
		fr.slots[i] = &cells[i]
	}
	for i := 0; i < p.nparams && i < len(args); i++ {
		cells[i] = args[i]
	}
	if p.vararg && len(args) > p.nparams {
		fr.varargs = args[p.nparams:]
	}
	s.frames = append(s.frames, fr)
	ctl, rets := s.execBlock(fr, p.body)
	s.frames[len(s.frames)-1] = nil
	s.frames = s.frames[:len(s.frames)-1]
	s.leaveCall()
	if ctl == ctlReturn {
		return rets
	}
	return nil
}

// execBlock runs statements until one breaks or returns.
func (s *State) execBlock(fr *frame, body []stmt) (control, []Value) {
	for _, st := range body {
		if ctl, rets := s.exec(fr, st); ctl != ctlNone {
			return ctl, rets
		}
	}
	return ctlNone, nil
}

// setLocal stores v in a slot, in a new cell when closures capture it.
func setLocal(fr *frame, slot int, v Value) {
	if fr.cl.proto.isCaptured(slot) {
		cell := new(Value) // only this path allocates: v itself does not escape
		*cell = v
		fr.slots[slot] = cell
		return
	}
	*fr.slots[slot] = v
}

func (s *State) exec(fr *frame, st stmt) (control, []Value) {
	switch x := st.(type) {
	case *localStmt:
		vals := s.evalList(fr, x.exprs, len(x.slots))
		for i, slot := range x.slots {
			setLocal(fr, slot, vals[i])
		}
	case *assignStmt:
		s.assign(fr, x)
	case *callStmt:
		s.evalMulti(fr, x.call)
	case *ifStmt:
		for i, c := range x.conds {
			if Truthy(s.eval(fr, c)) {
				return s.execBlock(fr, x.blocks[i])
			}
		}
		return s.execBlock(fr, x.els)
	case *whileStmt:
		for Truthy(s.eval(fr, x.cond)) {
			fr.line = x.line
			s.tick()
			if ctl, rets := s.execBlock(fr, x.body); ctl == ctlReturn {
				return ctl, rets
			} else if ctl == ctlBreak {
				break
			}
		}
	case *repeatStmt:
		for {
			fr.line = x.line
			s.tick()
			if ctl, rets := s.execBlock(fr, x.body); ctl == ctlReturn {
				return ctl, rets
			} else if ctl == ctlBreak {
				break
			}
			if Truthy(s.eval(fr, x.cond)) {
				break
			}
		}
	case *numForStmt:
		return s.numFor(fr, x)
	case *genForStmt:
		return s.genFor(fr, x)
	case *doStmt:
		return s.execBlock(fr, x.body)
	case *localFuncStmt:
		setLocal(fr, x.slot, nil)
		*fr.slots[x.slot] = s.closure(fr, x.f)
	case *returnStmt:
		if len(x.exprs) == 1 {
			if c, ok := x.exprs[0].(*callExpr); ok { // a call's results as they are
				return ctlReturn, s.evalCall(fr, c)
			}
		}
		return ctlReturn, s.evalList(fr, x.exprs, -1)
	case *breakStmt:
		return ctlBreak, nil
	}
	return ctlNone, nil
}

func (s *State) numFor(fr *frame, x *numForStmt) (control, []Value) {
	start := s.forNumber(fr, x.start, "initial value", x.line)
	limit := s.forNumber(fr, x.limit, "limit", x.line)
	step := 1.0
	if x.step != nil {
		step = s.forNumber(fr, x.step, "step", x.line)
	}
	for i := start; step > 0 && i <= limit || step <= 0 && i >= limit; i += step {
		fr.line = x.line
		s.tick()
		setLocal(fr, x.slot, box(i))
		if ctl, rets := s.execBlock(fr, x.body); ctl == ctlReturn {
			return ctl, rets
		} else if ctl == ctlBreak {
			break
		}
	}
	return ctlNone, nil
}

func (s *State) forNumber(fr *frame, e expr, what string, line int) float64 {
	f, ok := ToNumber(s.eval(fr, e))
	if !ok {
		s.rtError(line, "'for' %s must be a number", what)
	}
	return f
}

func (s *State) genFor(fr *frame, x *genForStmt) (control, []Value) {
	init := s.evalList(fr, x.exprs, 3)
	f, st, ctl := init[0], init[1], init[2]
	for {
		s.tick()
		fr.line = x.line
		rets := s.call(f, []Value{st, ctl}, x.line)
		first := Value(nil)
		if len(rets) > 0 {
			first = rets[0]
		}
		if first == nil {
			return ctlNone, nil
		}
		ctl = first
		for i, slot := range x.slots {
			var v Value
			if i < len(rets) {
				v = rets[i]
			}
			setLocal(fr, slot, v)
		}
		if c, rets := s.execBlock(fr, x.body); c == ctlReturn {
			return c, rets
		} else if c == ctlBreak {
			return ctlNone, nil
		}
	}
}

// assign evaluates the right side, then stores left to right.
func (s *State) assign(fr *frame, x *assignStmt) {
	if len(x.targets) == 1 && len(x.exprs) == 1 {
		s.store(fr, x.targets[0], s.eval(fr, x.exprs[0]), x.line)
		return
	}
	// evaluate the targets' tables and keys before the values
	type place struct{ obj, key Value }
	places := make([]place, len(x.targets))
	for i, t := range x.targets {
		if ix, ok := t.(*indexExpr); ok {
			places[i] = place{s.eval(fr, ix.obj), s.eval(fr, ix.key)}
		}
	}
	vals := s.evalList(fr, x.exprs, len(x.targets))
	for i, t := range x.targets {
		if ix, ok := t.(*indexExpr); ok {
			s.setIndex(places[i].obj, places[i].key, vals[i], ix.line, ix.obj)
			continue
		}
		s.store(fr, t, vals[i], x.line)
	}
}

func (s *State) store(fr *frame, target expr, v Value, line int) {
	switch t := target.(type) {
	case *localExpr:
		*fr.slots[t.slot] = v
	case *upvalExpr:
		*fr.cl.upvals[t.idx] = v
	case *globalExpr:
		s.setIndex(s.Globals, t.name, v, t.line, nil)
	case *indexExpr:
		obj := s.eval(fr, t.obj)
		s.setIndex(obj, s.eval(fr, t.key), v, t.line, t.obj)
	}
}

// closure creates a function value capturing its upvalues from fr.
func (s *State) closure(fr *frame, p *funcProto) *Closure {
	cl := &Closure{proto: p, upvals: make([]*Value, len(p.upvals))}
	for i, u := range p.upvals {
		if u.fromLocal {
			cl.upvals[i] = fr.slots[u.idx]
		} else {
			cl.upvals[i] = fr.cl.upvals[u.idx]
		}
	}
	return cl
}

// evalList evaluates expressions, the last one expanded to all its
// results; want >= 0 pads or cuts the list to that length.
func (s *State) evalList(fr *frame, exprs []expr, want int) []Value {
	var out []Value
	if want >= 0 {
		out = make([]Value, 0, want)
	}
	for i, e := range exprs {
		if i == len(exprs)-1 {
			out = append(out, s.evalMulti(fr, e)...)
		} else {
			out = append(out, s.eval(fr, e))
		}
	}
	if want >= 0 {
		for len(out) < want {
			out = append(out, nil)
		}
		out = out[:want]
	}
	return out
}

// evalMulti evaluates an expression to all its values (calls, ...).
func (s *State) evalMulti(fr *frame, e expr) []Value {
	switch x := e.(type) {
	case *callExpr:
		return s.evalCall(fr, x)
	case *methodExpr:
		return s.evalMethod(fr, x)
	case *varargExpr:
		return append([]Value(nil), fr.varargs...)
	}
	return []Value{s.eval(fr, e)}
}

func (s *State) evalCall(fr *frame, x *callExpr) []Value {
	fr.line = x.line
	fn := s.eval(fr, x.fn)
	args := s.evalList(fr, x.args, -1)
	fr.line = x.line
	if _, ok := fn.(*Closure); !ok {
		if _, ok := fn.(*GoFunction); !ok {
			if t, ok := fn.(*Table); !ok || metaField(t, "__call") == nil {
				s.typeError(x.line, "call", x.fn, fn)
			}
		}
	}
	return s.call(fn, args, x.line)
}

func (s *State) evalMethod(fr *frame, x *methodExpr) []Value {
	fr.line = x.line
	obj := s.eval(fr, x.obj)
	fn := s.index(obj, x.name, x.line, x.obj)
	args := append([]Value{obj}, s.evalList(fr, x.args, -1)...)
	fr.line = x.line
	switch fn.(type) {
	case *Closure, *GoFunction:
	default:
		s.rtError(x.line, "attempt to call method '%s' (a %s value)", x.name, TypeName(fn))
	}
	return s.call(fn, args, x.line)
}

// varInfo names an expression for messages: "global 'x'", "local 'x'",
// "field 'x'", "upvalue 'x'", or "a" value.
func varInfo(e expr) string {
	switch x := e.(type) {
	case *globalExpr:
		return "global '" + x.name + "'"
	case *localExpr:
		return "local '" + x.name + "'"
	case *upvalExpr:
		return "upvalue '" + x.name + "'"
	case *indexExpr:
		if c, ok := x.key.(*constExpr); ok {
			if k, ok := c.v.(string); ok {
				return "field '" + k + "'"
			}
		}
	case *methodExpr:
		return "method '" + x.name + "'"
	}
	return "a"
}

// typeError raises "attempt to OP VAR (a TYPE value)".
func (s *State) typeError(line int, op string, e expr, v Value) {
	info := varInfo(e)
	if info == "a" {
		s.rtError(line, "attempt to %s a %s value", op, TypeName(v))
	}
	s.rtError(line, "attempt to %s %s (a %s value)", op, info, TypeName(v))
}

// eval evaluates an expression to one value.
func (s *State) eval(fr *frame, e expr) Value {
	switch x := e.(type) {
	case *constExpr:
		return x.v
	case *localExpr:
		return *fr.slots[x.slot]
	case *upvalExpr:
		return *fr.cl.upvals[x.idx]
	case *globalExpr:
		if v := s.Globals.Get(x.name); v != nil || s.Globals.meta == nil {
			return v
		}
		fr.line = x.line
		return s.index(s.Globals, x.name, x.line, nil)
	case *indexExpr:
		return s.index(s.eval(fr, x.obj), s.eval(fr, x.key), x.line, x.obj)
	case *callExpr:
		return first(s.evalCall(fr, x))
	case *methodExpr:
		return first(s.evalMethod(fr, x))
	case *varargExpr:
		if len(fr.varargs) > 0 {
			return fr.varargs[0]
		}
		return nil
	case *parenExpr:
		return s.eval(fr, x.e)
	case *funcExpr:
		return s.closure(fr, x.p)
	case *andExpr:
		if v := s.eval(fr, x.a); !Truthy(v) {
			return v
		}
		return s.eval(fr, x.b)
	case *orExpr:
		if v := s.eval(fr, x.a); Truthy(v) {
			return v
		}
		return s.eval(fr, x.b)
	case *notExpr:
		return !Truthy(s.eval(fr, x.a))
	case *negExpr:
		v := s.eval(fr, x.a)
		f, ok := ToNumber(v)
		if !ok {
			s.typeError(x.line, "perform arithmetic on", x.a, v)
		}
		return box(-f)
	case *lenExpr:
		return s.length(s.eval(fr, x.a), x.line, x.a)
	case *binExpr:
		return s.binary(fr, x)
	case *tableExpr:
		return s.constructor(fr, x)
	}
	panic("lua: unknown expression")
}

func first(vs []Value) Value {
	if len(vs) > 0 {
		return vs[0]
	}
	return nil
}

func (s *State) length(v Value, line int, e expr) Value {
	switch x := v.(type) {
	case string:
		return float64(len(x))
	case *Table:
		return float64(x.Len())
	}
	s.typeError(line, "get length of", e, v)
	return nil
}

func (s *State) constructor(fr *frame, x *tableExpr) *Table {
	t := NewTable(0, 0)
	var list []Value // the positional items, nils included, as Lua sizes its array part
	for i, it := range x.items {
		switch {
		case it.key != nil:
			k := s.eval(fr, it.key)
			s.checkKey(k, x.line)
			t.Set(k, s.eval(fr, it.val))
		case i == len(x.items)-1:
			list = append(list, s.evalMulti(fr, it.val)...)
		default:
			list = append(list, s.eval(fr, it.val))
		}
	}
	if len(list) > 0 {
		t.setArray(list)
	}
	return t
}

func (s *State) checkKey(k Value, line int) {
	if k == nil {
		s.rtError(line, "table index is nil")
	}
	if f, ok := k.(float64); ok && math.IsNaN(f) {
		s.rtError(line, "table index is NaN")
	}
}

func metaField(t *Table, name string) Value {
	if t.meta == nil {
		return nil
	}
	return t.meta.Get(name)
}

// index reads obj[key] with __index, as Lua's gettable.
func (s *State) index(obj, key Value, line int, e expr) Value {
	for loop := 0; loop < 100; loop++ {
		switch t := obj.(type) {
		case *Table:
			v := t.Get(key)
			if v != nil {
				return v
			}
			h := metaField(t, "__index")
			if h == nil {
				return nil
			}
			if _, ok := h.(*Table); !ok {
				s.setLine(line)
				return first(s.call(h, []Value{t, key}, line))
			}
			obj = h
		case string:
			if s.StringLib == nil {
				return nil
			}
			return s.StringLib.Get(key)
		default:
			s.typeError(line, "index", e, obj)
		}
	}
	s.rtError(line, "loop in gettable")
	return nil
}

// setIndex writes obj[key] = v with __newindex, as Lua's settable.
func (s *State) setIndex(obj, key, v Value, line int, e expr) {
	for loop := 0; loop < 100; loop++ {
		t, ok := obj.(*Table)
		if !ok {
			s.typeError(line, "index", e, obj)
		}
		if t.Readonly {
			s.rtError(line, "Attempt to modify a readonly table")
		}
		if h := metaField(t, "__newindex"); h != nil && t.Get(key) == nil {
			if _, ok := h.(*Table); !ok {
				s.setLine(line)
				s.call(h, []Value{t, key, v}, line)
				return
			}
			obj = h
			continue
		}
		s.checkKey(key, line)
		t.Set(key, v)
		return
	}
	s.rtError(line, "loop in settable")
}

func (s *State) binary(fr *frame, x *binExpr) Value {
	a := s.eval(fr, x.a)
	b := s.eval(fr, x.b)
	switch x.op {
	case tEq:
		return rawEqual(a, b)
	case tNe:
		return !rawEqual(a, b)
	case '<':
		return s.less(a, b, x.line)
	case '>':
		return s.less(b, a, x.line)
	case tLe:
		return s.lessEq(a, b, x.line)
	case tGe:
		return s.lessEq(b, a, x.line)
	case tConcat:
		return s.concat(a, b, x)
	}
	fa, ok1 := ToNumber(a)
	fb, ok2 := ToNumber(b)
	if !ok1 {
		s.typeError(x.line, "perform arithmetic on", x.a, a)
	}
	if !ok2 {
		s.typeError(x.line, "perform arithmetic on", x.b, b)
	}
	return box(arith(x.op, fa, fb))
}

func arith(op int, a, b float64) float64 {
	switch op {
	case '+':
		return a + b
	case '-':
		return a - b
	case '*':
		return a * b
	case '/':
		return a / b
	case '%':
		return a - math.Floor(a/b)*b
	case '^':
		return math.Pow(a, b)
	}
	return 0
}

func (s *State) concat(a, b Value, x *binExpr) Value {
	sa, ok1 := ToString(a)
	sb, ok2 := ToString(b)
	if !ok1 {
		s.typeError(x.line, "concatenate", x.a, a)
	}
	if !ok2 {
		s.typeError(x.line, "concatenate", x.b, b)
	}
	if len(sa)+len(sb) > MaxStringLen {
		s.rtError(x.line, "string length overflow")
	}
	if len(sa)+len(sb) > 1<<16 {
		s.Charge(len(sa) + len(sb))
	}
	return sa + sb
}

// rawEqual is Lua's primitive equality.
func rawEqual(a, b Value) bool {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	}
	return a == b
}

func (s *State) less(a, b Value, line int) bool {
	switch x := a.(type) {
	case float64:
		if y, ok := b.(float64); ok {
			return x < y
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y) < 0
		}
	}
	s.compareError(a, b, line)
	return false
}

func (s *State) lessEq(a, b Value, line int) bool {
	switch x := a.(type) {
	case float64:
		if y, ok := b.(float64); ok {
			return x <= y
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y) <= 0
		}
	}
	s.compareError(a, b, line)
	return false
}

func (s *State) compareError(a, b Value, line int) {
	ta, tb := TypeName(a), TypeName(b)
	if ta == tb {
		s.rtError(line, "attempt to compare two %s values", ta)
	}
	s.rtError(line, "attempt to compare %s with %s", ta, tb)
}

// setLine notes line as the running Lua function's current line (before a
// metamethod in Go may raise an error naming it).
func (s *State) setLine(line int) {
	if n := len(s.frames); n > 0 && line > 0 && s.frames[n-1] != s.goFrame {
		s.frames[n-1].line = line
	}
}
