// ast.go holds the tree the parser builds and the evaluator walks: a
// function prototype, its statements and expressions. Locals are resolved
// at parse time to frame slots and upvalue indexes.
package lua

// funcProto is a compiled function: its body and what it captures.
type funcProto struct {
	name     string
	line     int
	nparams  int // the parameters are slots 0..nparams-1
	vararg   bool
	nslots   int
	upvals   []upvalDesc
	captured []bool // slots some closure captures: each declaration makes a new cell
	body     []stmt
}

// upvalDesc says where a closure finds an upvalue when it is created: a
// local slot of the enclosing function, or one of its upvalues.
type upvalDesc struct {
	name      string
	fromLocal bool
	idx       int
}

type expr any
type stmt any

type (
	constExpr  struct{ v Value }
	varargExpr struct{}
	localExpr  struct {
		slot int
		name string
	}
	upvalExpr struct {
		idx  int
		name string
	}
	globalExpr struct {
		name string
		line int
	}
	indexExpr struct {
		obj, key expr
		line     int
	}
	callExpr struct {
		fn   expr
		args []expr
		line int
	}
	methodExpr struct {
		obj  expr
		name string
		args []expr
		line int
	}
	funcExpr struct{ p *funcProto }
	binExpr  struct {
		op   int
		a, b expr
		line int
	}
	andExpr struct{ a, b expr }
	orExpr  struct{ a, b expr }
	notExpr struct{ a expr }
	negExpr struct {
		a    expr
		line int
	}
	lenExpr struct {
		a    expr
		line int
	}
	parenExpr struct{ e expr }
	tableExpr struct {
		items []tableItem
		line  int
	}
)

// tableItem is one field of a constructor; key nil: positional.
type tableItem struct{ key, val expr }

type (
	localStmt struct {
		slots []int
		exprs []expr
	}
	assignStmt struct {
		targets []expr
		exprs   []expr
		line    int
	}
	callStmt  struct{ call expr }
	doStmt    struct{ body []stmt }
	whileStmt struct {
		cond expr
		body []stmt
		line int
	}
	repeatStmt struct {
		body []stmt
		cond expr
		line int
	}
	ifStmt struct {
		conds  []expr
		blocks [][]stmt
		els    []stmt
	}
	numForStmt struct {
		slot               int
		start, limit, step expr
		body               []stmt
		line               int
	}
	genForStmt struct {
		slots []int
		exprs []expr
		body  []stmt
		line  int
	}
	localFuncStmt struct {
		slot int
		f    *funcProto
	}
	returnStmt struct{ exprs []expr }
	breakStmt  struct{}
)
