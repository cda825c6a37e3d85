// parse.go is the Lua 5.1 parser: a recursive descent over the lexer's
// tokens building the tree of ast.go, with Lua's operator precedences and
// its syntax error messages.
package lua

// maxSyntaxLevels bounds nesting as Lua's LUAI_MAXCCALLS does.
const maxSyntaxLevels = 200

// funcState is the function being parsed: its active locals by scope.
type funcState struct {
	parent  *funcState
	proto   *funcProto
	actives []localVar
	blocks  []int // len(actives) at each open block
	loops   int   // enclosing loops (for break)
}

type localVar struct {
	name string
	slot int
}

type parser struct {
	lx       lexer
	tok      token
	ahead    token
	hasAhead bool
	fs       *funcState
	depth    int
}

// Parse compiles a chunk; chunk names it in messages ("user_script").
func Parse(src, chunk string) (p *funcProto, err error) {
	ps := &parser{lx: lexer{src: src, line: 1, chunk: chunk}}
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*SyntaxError)
			if !ok {
				panic(r)
			}
			p, err = nil, se
		}
	}()
	ps.advance()
	fs := ps.openFunc("main chunk", 0)
	fs.proto.vararg = true
	fs.proto.body = ps.block()
	ps.check(tEOF)
	ps.closeFunc()
	return fs.proto, nil
}

func (p *parser) advance() {
	if p.hasAhead {
		p.tok, p.hasAhead = p.ahead, false
		return
	}
	p.tok = p.lx.next()
}

func (p *parser) peek() token {
	if !p.hasAhead {
		p.ahead, p.hasAhead = p.lx.next(), true
	}
	return p.ahead
}

// fail raises a syntax error near the current token.
func (p *parser) fail(msg string) {
	p.lx.line = p.tok.line
	p.lx.errorf(describe(p.tok), "%s", msg)
}

func (p *parser) check(kind int) {
	if p.tok.kind != kind {
		p.fail("'" + kindName(kind) + "' expected")
	}
}

func (p *parser) accept(kind int) bool {
	if p.tok.kind == kind {
		p.advance()
		return true
	}
	return false
}

func (p *parser) expect(kind int) {
	p.check(kind)
	p.advance()
}

// expectMatch expects the token closing what opened at line.
func (p *parser) expectMatch(kind, open, line int) {
	if p.tok.kind == kind {
		p.advance()
		return
	}
	if line == p.tok.line {
		p.check(kind)
	}
	p.fail("'" + kindName(kind) + "' expected (to close '" + kindName(open) + "' at line " + itoa(line) + ")")
}

func itoa(n int) string { return FormatNumber(float64(n)) }

func (p *parser) name() string {
	p.check(tName)
	s := p.tok.str
	p.advance()
	return s
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxSyntaxLevels {
		p.fail("chunk has too many syntax levels")
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) openFunc(name string, line int) *funcState {
	fs := &funcState{parent: p.fs, proto: &funcProto{name: name, line: line}}
	p.fs = fs
	return fs
}

func (p *parser) closeFunc() { p.fs = p.fs.parent }

// declare adds a local in the current scope and returns its slot.
func (p *parser) declare(name string) int {
	fs := p.fs
	slot := fs.proto.nslots
	fs.proto.nslots++
	fs.actives = append(fs.actives, localVar{name, slot})
	return slot
}

// newSlot reserves a slot for a local not yet in scope.
func (p *parser) newSlot() int {
	slot := p.fs.proto.nslots
	p.fs.proto.nslots++
	return slot
}

func (p *parser) activate(name string, slot int) {
	p.fs.actives = append(p.fs.actives, localVar{name, slot})
}

// resolve finds what a name refers to: a local, an upvalue or a global.
func (p *parser) resolve(name string, line int) expr {
	if slot := findLocal(p.fs, name); slot >= 0 {
		return &localExpr{slot, name}
	}
	if idx := findUpval(p.fs, name); idx >= 0 {
		return &upvalExpr{idx, name}
	}
	return &globalExpr{name, line}
}

func findLocal(fs *funcState, name string) int {
	for i := len(fs.actives) - 1; i >= 0; i-- {
		if fs.actives[i].name == name {
			return fs.actives[i].slot
		}
	}
	return -1
}

func findUpval(fs *funcState, name string) int {
	for i, u := range fs.proto.upvals {
		if u.name == name {
			return i
		}
	}
	if fs.parent == nil {
		return -1
	}
	if slot := findLocal(fs.parent, name); slot >= 0 {
		pp := fs.parent.proto
		for len(pp.captured) <= slot {
			pp.captured = append(pp.captured, false)
		}
		pp.captured[slot] = true
		fs.proto.upvals = append(fs.proto.upvals, upvalDesc{name, true, slot})
		return len(fs.proto.upvals) - 1
	}
	if idx := findUpval(fs.parent, name); idx >= 0 {
		fs.proto.upvals = append(fs.proto.upvals, upvalDesc{name, false, idx})
		return len(fs.proto.upvals) - 1
	}
	return -1
}

func blockEnd(kind int) bool {
	switch kind {
	case tElse, tElseif, tEnd, tUntil, tEOF:
		return true
	}
	return false
}

// block parses statements up to a block end, in a new scope.
func (p *parser) block() []stmt {
	p.enter()
	defer p.leave()
	fs := p.fs
	mark := len(fs.actives)
	var body []stmt
	for !blockEnd(p.tok.kind) {
		if p.tok.kind == tReturn {
			body = append(body, p.retstat())
			break
		}
		if p.tok.kind == tBreak {
			line := p.tok.line
			p.advance()
			if fs.loops == 0 {
				p.lx.line = line
				p.lx.errorf("break", "no loop to break")
			}
			body = append(body, &breakStmt{})
			p.accept(';')
			break
		}
		if s := p.statement(); s != nil {
			body = append(body, s)
		}
		p.accept(';')
	}
	fs.actives = fs.actives[:mark]
	return body
}

func (p *parser) retstat() stmt {
	p.advance()
	var exprs []expr
	if !blockEnd(p.tok.kind) && p.tok.kind != ';' {
		exprs = p.exprList()
	}
	p.accept(';')
	if !blockEnd(p.tok.kind) {
		p.fail("'<eof>' expected")
	}
	return &returnStmt{exprs}
}

func (p *parser) loopBlock() []stmt {
	p.fs.loops++
	b := p.block()
	p.fs.loops--
	return b
}

func (p *parser) statement() stmt {
	line := p.tok.line
	switch p.tok.kind {
	case tIf:
		return p.ifStat(line)
	case tWhile:
		p.advance()
		cond := p.expr()
		p.expect(tDo)
		body := p.loopBlock()
		p.expectMatch(tEnd, tWhile, line)
		return &whileStmt{cond, body, line}
	case tDo:
		p.advance()
		body := p.block()
		p.expectMatch(tEnd, tDo, line)
		return &doStmt{body}
	case tFor:
		return p.forStat(line)
	case tRepeat:
		return p.repeatStat(line)
	case tFunction:
		return p.funcStat(line)
	case tLocal:
		p.advance()
		if p.accept(tFunction) {
			name := p.name()
			slot := p.declare(name)
			return &localFuncStmt{slot, p.funcBody(name, false, line)}
		}
		return p.localStat()
	}
	return p.exprStat()
}

func (p *parser) ifStat(line int) stmt {
	s := &ifStmt{}
	p.advance()
	s.conds = append(s.conds, p.expr())
	p.expect(tThen)
	s.blocks = append(s.blocks, p.block())
	for p.tok.kind == tElseif {
		p.advance()
		s.conds = append(s.conds, p.expr())
		p.expect(tThen)
		s.blocks = append(s.blocks, p.block())
	}
	if p.accept(tElse) {
		s.els = p.block()
	}
	p.expectMatch(tEnd, tIf, line)
	return s
}

func (p *parser) repeatStat(line int) stmt {
	p.advance()
	// the condition sees the body's locals: parse both in one scope
	fs := p.fs
	mark := len(fs.actives)
	fs.loops++
	p.enter()
	var body []stmt
	for !blockEnd(p.tok.kind) {
		if p.tok.kind == tReturn {
			body = append(body, p.retstat())
			break
		}
		if p.tok.kind == tBreak {
			p.advance()
			body = append(body, &breakStmt{})
			p.accept(';')
			break
		}
		if s := p.statement(); s != nil {
			body = append(body, s)
		}
		p.accept(';')
	}
	p.leave()
	fs.loops--
	p.expectMatch(tUntil, tRepeat, line)
	cond := p.expr()
	fs.actives = fs.actives[:mark]
	return &repeatStmt{body, cond, line}
}

func (p *parser) forStat(line int) stmt {
	p.advance()
	n1 := p.name()
	fs := p.fs
	mark := len(fs.actives)
	defer func() { fs.actives = fs.actives[:mark] }()
	switch p.tok.kind {
	case '=':
		p.advance()
		s := &numForStmt{line: line}
		s.start = p.expr()
		p.expect(',')
		s.limit = p.expr()
		if p.accept(',') {
			s.step = p.expr()
		}
		p.expect(tDo)
		s.slot = p.declare(n1)
		s.body = p.loopBlock()
		p.expectMatch(tEnd, tFor, line)
		return s
	case ',', tIn:
		names := []string{n1}
		for p.accept(',') {
			names = append(names, p.name())
		}
		p.expect(tIn)
		s := &genForStmt{line: line}
		s.exprs = p.exprList()
		p.expect(tDo)
		for _, n := range names {
			s.slots = append(s.slots, p.declare(n))
		}
		s.body = p.loopBlock()
		p.expectMatch(tEnd, tFor, line)
		return s
	}
	p.fail("'=' or 'in' expected")
	return nil
}

func (p *parser) funcStat(line int) stmt {
	p.advance()
	n := p.name()
	target := p.resolve(n, line)
	full := n
	method := false
	for p.tok.kind == '.' || p.tok.kind == ':' {
		colon := p.tok.kind == ':'
		p.advance()
		k := p.name()
		full += "." + k
		target = &indexExpr{target, &constExpr{k}, line}
		if colon {
			method = true
			break
		}
	}
	f := p.funcBody(full, method, line)
	return &assignStmt{[]expr{target}, []expr{&funcExpr{f}}, line}
}

func (p *parser) localStat() stmt {
	var names []string
	for {
		names = append(names, p.name())
		if !p.accept(',') {
			break
		}
	}
	s := &localStmt{}
	if p.accept('=') {
		s.exprs = p.exprList()
	}
	for _, n := range names {
		s.slots = append(s.slots, p.declare(n))
	}
	return s
}

func (p *parser) exprStat() stmt {
	line := p.tok.line
	e := p.suffixedExpr()
	switch e.(type) {
	case *callExpr, *methodExpr:
		if p.tok.kind != '=' && p.tok.kind != ',' {
			return &callStmt{e}
		}
	}
	targets := []expr{e}
	for {
		switch targets[len(targets)-1].(type) {
		case *localExpr, *upvalExpr, *globalExpr, *indexExpr:
		default:
			p.fail("syntax error")
		}
		if !p.accept(',') {
			break
		}
		targets = append(targets, p.suffixedExpr())
	}
	p.expect('=')
	return &assignStmt{targets, p.exprList(), line}
}

// funcBody parses parameters and body; method adds self.
func (p *parser) funcBody(name string, method bool, line int) *funcProto {
	fs := p.openFunc(name, line)
	if method {
		p.declare("self")
		fs.proto.nparams++
	}
	p.expect('(')
	if p.tok.kind != ')' {
		for {
			if p.accept(tDots) {
				fs.proto.vararg = true
				break
			}
			if p.tok.kind != tName {
				p.fail("<name> or '...' expected")
			}
			p.declare(p.name())
			fs.proto.nparams++
			if !p.accept(',') {
				break
			}
		}
	}
	p.expect(')')
	fs.proto.body = p.block()
	p.expectMatch(tEnd, tFunction, line)
	p.closeFunc()
	return fs.proto
}

func (p *parser) exprList() []expr {
	list := []expr{p.expr()}
	for p.accept(',') {
		list = append(list, p.expr())
	}
	return list
}

func (p *parser) expr() expr { return p.subExpr(0) }

// binary operator priorities: left, right
var binPrio = map[int][2]int{
	'+': {6, 6}, '-': {6, 6}, '*': {7, 7}, '/': {7, 7}, '%': {7, 7},
	'^': {10, 9}, tConcat: {5, 4},
	tEq: {3, 3}, tNe: {3, 3}, '<': {3, 3}, tLe: {3, 3}, '>': {3, 3}, tGe: {3, 3},
	tAnd: {2, 2}, tOr: {1, 1},
}

const unaryPrio = 8

func (p *parser) subExpr(limit int) expr {
	p.enter()
	defer p.leave()
	var e expr
	line := p.tok.line
	switch p.tok.kind {
	case tNot:
		p.advance()
		e = &notExpr{p.subExpr(unaryPrio)}
	case '-':
		p.advance()
		a := p.subExpr(unaryPrio)
		if c, ok := a.(*constExpr); ok {
			if f, ok := c.v.(float64); ok {
				e = &constExpr{-f}
				break
			}
		}
		e = &negExpr{a, line}
	case '#':
		p.advance()
		e = &lenExpr{p.subExpr(unaryPrio), line}
	default:
		e = p.simpleExpr()
	}
	for {
		op := p.tok.kind
		prio, ok := binPrio[op]
		if !ok || prio[0] <= limit {
			return e
		}
		line := p.tok.line
		p.advance()
		b := p.subExpr(prio[1])
		switch op {
		case tAnd:
			e = &andExpr{e, b}
		case tOr:
			e = &orExpr{e, b}
		default:
			e = &binExpr{op, e, b, line}
		}
	}
}

func (p *parser) simpleExpr() expr {
	t := p.tok
	switch t.kind {
	case tNumber:
		p.advance()
		return &constExpr{t.num}
	case tString:
		p.advance()
		return &constExpr{t.str}
	case tNil:
		p.advance()
		return &constExpr{nil}
	case tTrue:
		p.advance()
		return &constExpr{true}
	case tFalse:
		p.advance()
		return &constExpr{false}
	case tDots:
		if !p.fs.proto.vararg {
			p.fail("cannot use '...' outside a vararg function")
		}
		p.advance()
		return &varargExpr{}
	case '{':
		return p.constructor()
	case tFunction:
		p.advance()
		return &funcExpr{p.funcBody("anonymous", false, t.line)}
	}
	return p.suffixedExpr()
}

func (p *parser) primaryExpr() expr {
	switch p.tok.kind {
	case tName:
		line := p.tok.line
		return p.resolve(p.name(), line)
	case '(':
		line := p.tok.line
		p.advance()
		e := p.expr()
		p.expectMatch(')', '(', line)
		switch e.(type) {
		case *callExpr, *methodExpr, *varargExpr:
			return &parenExpr{e}
		}
		return e
	}
	p.fail("unexpected symbol")
	return nil
}

func (p *parser) suffixedExpr() expr {
	e := p.primaryExpr()
	for {
		line := p.tok.line
		switch p.tok.kind {
		case '.':
			p.advance()
			e = &indexExpr{e, &constExpr{p.name()}, line}
		case '[':
			p.advance()
			k := p.expr()
			p.expect(']')
			e = &indexExpr{e, k, line}
		case ':':
			p.advance()
			n := p.name()
			e = &methodExpr{e, n, p.callArgs(), line}
		case '(', tString, '{':
			e = &callExpr{e, p.callArgs(), line}
		default:
			return e
		}
	}
}

func (p *parser) callArgs() []expr {
	switch p.tok.kind {
	case tString:
		s := p.tok.str
		p.advance()
		return []expr{&constExpr{s}}
	case '{':
		return []expr{p.constructor()}
	case '(':
		line := p.tok.line
		p.advance()
		if p.accept(')') {
			return nil
		}
		args := p.exprList()
		p.expectMatch(')', '(', line)
		return args
	}
	p.fail("function arguments expected")
	return nil
}

func (p *parser) constructor() expr {
	line := p.tok.line
	p.expect('{')
	t := &tableExpr{line: line}
	for p.tok.kind != '}' {
		switch {
		case p.tok.kind == '[':
			p.advance()
			k := p.expr()
			p.expect(']')
			p.expect('=')
			t.items = append(t.items, tableItem{k, p.expr()})
		case p.tok.kind == tName && p.peek().kind == '=':
			k := p.name()
			p.advance()
			t.items = append(t.items, tableItem{&constExpr{k}, p.expr()})
		default:
			t.items = append(t.items, tableItem{nil, p.expr()})
		}
		if !p.accept(',') && !p.accept(';') {
			break
		}
	}
	p.expectMatch('}', '{', line)
	return t
}
