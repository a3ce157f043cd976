"""The JavaScript-family analyzer: exact blocks for samples full of tricky constructs."""

from __future__ import annotations

from pathlib import Path

import pytest
from analyzing import LANGUAGE_OF_SUFFIX, SAMPLES, analyze, blocks_of
from answer_rules import intent_is_not_filler_or_stitched

from iris.analysis.jsscan import scan

SAMPLE_BLOCKS = {
    "checkout.js": (
        "Checkout helpers: prices, discount codes and the order summary.",
        [
            ("Code loading", [[6, 25]]),
            ("Checkout summary and line items", [[27, 37]]),
            ("Cart class", [[39, 55]]),
        ],
    ),
    "inventory.ts": (
        "Stock levels for the warehouse, with typed events.",
        [
            ("Stock types", [[7, 42]]),
            ("Store class", [[44, 65]]),
        ],
    ),
    "Greeting.jsx": (
        "Greets the signed-in user, or asks them to sign in.",
        [
            ("Avatar component and styles", [[1, 10]]),
            ("Greeting component", [[12, 38]]),
        ],
    ),
    "Board.tsx": (
        "A sortable board of cards for the project view.",
        [
            ("Card type and list component", [[3, 18]]),
            ("Board component", [[20, 27]]),
        ],
    ),
    "UserMenu.tsx": (
        "The menu a signed-in user opens from the header.",
        [
            ("Menu props", [[1, 10]]),
            ("User menu component", [[12, 36]]),
            ("Avatar and menu button components", [[38, 50]]),
        ],
    ),
    "LegacyBoard.jsx": (
        "Legacy board component that renders a list of cards.",
        [
            ("Legacy board component", [[1, 13]]),
        ],
    ),
    "allman.js": (
        "Parses the tiny key=value settings files the build scripts read.",
        [
            ("Settings parsing", [[1, 13]]),
            ("Settings reading", [[15, 20]]),
        ],
    ),
    "bundle.min.js": (
        "Bundle code run when the file is loaded.",
        [
            ("Module setup", [[1, 1]]),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(SAMPLE_BLOCKS))
def test_sample_blocks_labels_and_order(name):
    language = LANGUAGE_OF_SUFFIX[Path(name).suffix]
    analysis = analyze((SAMPLES / name).read_text(), language, filename=name)
    intent, blocks = SAMPLE_BLOCKS[name]
    assert analysis.parse_problem is None
    assert analysis.file_intent == intent
    assert blocks_of(analysis) == blocks


def test_a_jsdoc_reaches_its_declaration_across_a_blank_and_a_lint_line():
    analysis = analyze((SAMPLES / "UserMenu.tsx").read_text(), "typescriptreact")
    assert analysis.file_intent == "The menu a signed-in user opens from the header."
    menu = next(block for block in analysis.blocks if block.label == "User menu component")
    assert menu.ranges == ((12, 36),)
    assert menu.description == (
        "Renders the user menu and styles the panel element; updates the open state."
    )
    assert "eslint" not in " ".join(block.description for block in analysis.blocks)


def test_an_undocumented_class_is_described_by_what_its_methods_do_and_what_it_emits():
    analysis = analyze((SAMPLES / "inventory.ts").read_text(), "typescript")
    described = {block.label: block.description for block in analysis.blocks}
    assert described["Store class"] == (
        "Reorders the sku and adds the level; returns the total quantity; "
        "emits the stockChanged event."
    )


@pytest.mark.parametrize(
    ("source", "masked"),
    [
        ("x = a / b / c;", "x = a / b / c;"),
        ("x = /[/{]'/g.test(s);", "x = /     /g.test(s);"),
        ("f(`a ${`b ${c}`} {`)", "f(`  ${`  ${c}`}  `)"),
        ("s = 'it\\'s {';", "s = '       ';"),
        ("/* { */ x // }", "        x     "),
        ("return <p>Don't {x}</p>;", "return <p>      {x}</p>;"),
        ("a = b < c && d > e;", "a = b < c && d > e;"),
    ],
)
def test_scanner_blanks_everything_but_code(source, masked):
    assert scan(source, jsx=True).masked == masked


def test_typescript_angle_brackets_are_not_jsx():
    source = "const n = <number>value;\nconst s = 'x';"
    assert scan(source, jsx=False).masked == "const n = <number>value;\nconst s = ' ';"


@pytest.mark.parametrize(
    ("source", "problem", "blocks"),
    [
        (
            'import a from "a";\n\nfunction broken() {\n  if (x) {\n    return 1;\n}\n\n'
            "function fine() {\n  return 2;\n}\n\nexport const y = 3;\n",
            "a bracket opened on line 3 is never closed",
            [("Broken function", [[1, 6]]), ("Fine function", [[8, 12]])],
        ),
        (
            'const s = "never closed;\nfunction f() {}\n',
            "an unterminated string on line 1",
            [("F function", [[1, 2]])],
        ),
        (
            "}\nfunction h() {}\n",
            "an unmatched closing bracket on line 1",
            [("H function", [[2, 2]])],
        ),
        (
            "const t = `open ${x}\nfunction g() {}\n",
            "an unterminated template",
            [("T settings", [[1, 2]])],
        ),
    ],
    ids=["unbalanced-brace", "unterminated-string", "extra-brace", "unterminated-template"],
)
def test_broken_sources_keep_the_blocks_that_can_be_found(source, problem, blocks):
    analysis = analyze(source, "javascript")
    assert analysis.parse_problem == f"The file did not parse cleanly: {problem}."
    assert blocks_of(analysis) == blocks


def test_a_trailing_comment_does_not_swallow_the_doc_below_it():
    source = (
        "const a = 1; // trailing\n// Looks up the user by name.\nexport function find() {}\n"
        "// eslint-disable-next-line no-undef\nexport function other() { return a; }\n"
    )
    analysis = analyze(source, "javascript")
    described = {block.label: block.description for block in analysis.blocks}
    assert described["Lookup logic"] == "Looks up the user by name."
    assert "eslint" not in " ".join(described.values())


@pytest.mark.parametrize(
    "declaration",
    [
        "export const Toggle = ({ onClick }: { onClick: () => void }) => <b onClick={onClick} />;",
        "export const Toggle = memo(({ on }: { on: (x: number) => boolean }) => <b>{on(1)}</b>);",
        "export const Toggle = React.forwardRef<HTMLElement, Props>(\n"
        "  (props, ref) => <b ref={ref} />,\n);",
        "export function Toggle({ onClick }: { onClick: () => void }) {\n  return <b />;\n}",
    ],
    ids=["arrow-typed-callback", "memo", "forward-ref", "function"],
)
def test_components_are_found_whatever_their_parameters_look_like(declaration):
    source = f'import React from "react";\n\n{declaration}\n'
    analysis = analyze(source, "typescriptreact")
    assert [block.label for block in analysis.blocks] == ["Toggle component"]


def test_a_component_is_opened_into_state_hooks_handlers_and_what_it_renders():
    analysis = analyze((SAMPLES / "TaskBoard.tsx").read_text(), "typescriptreact", "TaskBoard.tsx")
    assert analysis.file_intent == "A board of tasks: filter them, tick them off and add new ones."
    assert blocks_of(analysis) == [
        ("Task board state", [[1, 19]]),
        ("Toggle and add handlers", [[21, 36]]),
        ("Task board rendering", [[38, 73]]),
    ]
    described = [block.description for block in analysis.blocks]
    assert described == [
        "Keeps items, filter and draft in state; derives visible tasks from props and state; "
        "updates the items state.",
        "Handles toggle and add; updates the items and draft state.",
        "Renders the task filters and task list; styles the board element; "
        "updates the filter and draft state.",
    ]


def test_a_data_table_is_a_block_apart_from_the_logic_that_reads_it():
    analysis = analyze((SAMPLES / "shipping.ts").read_text(), "typescript", "shipping.ts")
    assert analysis.file_intent == "Shipping costs for parcels, by zone and weight."
    assert blocks_of(analysis) == [
        ("Rate table", [[3, 21]]),
        ("Parcel price", [[23, 27]]),
        ("Byte formatting", [[29, 38]]),
        ("S3 model", [[40, 46]]),
    ]
    described = {block.label: block.description for block in analysis.blocks}
    assert described["Parcel price"].startswith("The price of one parcel")
    assert described["Rate table"] == "Maps the rates entries and describes the shape of zone."


def test_parallel_routes_are_named_by_what_differs():
    source = (
        "const router = require('express').Router();\n\n"
        "// Lists the users, a page at a time.\n"
        "router.get('/users', async (req, res) => {\n  res.json(await list(req.query));\n"
        "  res.end();\n  log('list');\n  count('list');\n  trace('list');\n});\n\n"
        "router.get('/users/:id', async (req, res) => {\n  res.json(await find(req.params.id));\n"
        "  res.end();\n  log('get');\n  count('get');\n  trace('get');\n});\n\n"
        "router.post('/users', async (req, res) => {\n  res.json(await create(req.body));\n"
        "  res.end();\n  log('create');\n  count('create');\n  trace('create');\n});\n\n"
        "router.delete('/users/:id', async (req, res) => {\n  await remove(req.params.id);\n"
        "  res.end();\n  log('delete');\n  count('delete');\n  trace('delete');\n});\n\n"
        "module.exports = router;\n"
    )
    analysis = analyze(source, "javascript", "users.js")
    labels = [block.label for block in analysis.blocks]
    assert labels == ["User listing and retrieval", "User creation", "User deletion"]
    assert analysis.file_intent == (
        "HTTP routes for users: listing, retrieval, creation and deletion."
    )
    assert analysis.blocks[0].description == "Lists the users, a page at a time."
    assert analysis.blocks[1].description == "Handles POST /users; sends the HTTP response."


def test_methods_named_get_and_set_are_methods_and_no_code_is_left_out():
    body = "".join(
        f"  async {name} (args) {{\n" + "    step(args)\n" * 12 + "  }\n\n"
        for name in ("get", "set", "exec", "remove")
    )
    source = f"class Profile extends Base {{\n  static name = 'profile'\n\n{body}}}\n"
    analysis = analyze(source, "javascript", "profile.js")
    covered = {n for block in analysis.blocks for a, b in block.ranges for n in range(a, b + 1)}
    code = [n for n, line in enumerate(source.splitlines(), 1) if line.strip()]
    assert [n for n in code if n not in covered] == []
    labels = [block.label for block in analysis.blocks]
    assert "Profile retrieval" in labels and "Profile setting" in labels


def test_decorated_fields_and_arrow_handlers_are_parts_of_their_own():
    handlers = "".join(
        f"  private handle{event} = () => {{\n    if (this.open) {{\n      this.hide();\n    }}\n"
        "  };\n\n"
        for event in ("Blur", "Click", "Focus", "KeyDown", "MouseOver", "MouseOut")
    )
    source = (
        "export default class SlTip extends ShoelaceElement {\n"
        "  @query('slot') defaultSlot: HTMLSlotElement;\n"
        "  @query('.body') body: HTMLElement;\n\n"
        "  /** The tip's content. */\n  @property() content = '';\n\n"
        "  /** Disables the tip. */\n  @property({ type: Boolean })\n  disabled = false;\n\n"
        f"{handlers}"
        "  @watch('open')\n  handleOpenChange() {\n    this.emit('sl-show');\n  }\n}\n"
    )
    analysis = analyze(source, "typescript", "tip.component.ts")
    parts = {unit.names[0]: unit for unit in _class_parts(source)}
    assert parts[".body"].start == parts[".body"].end == 3
    assert parts[".handleBlur"].kind == "handler"
    assert (parts[".disabled"].start, parts[".disabled"].end) == (8, 10)
    assert any("open change" in block.description for block in analysis.blocks)
    handlers_block = next(block for block in analysis.blocks if "handlers" in block.label)
    assert handlers_block.description.startswith("Handles blur, click")


def _class_parts(source: str):
    from iris.analysis.budget import Budget
    from iris.analysis.javascript import outline

    units = outline(source.splitlines(), "typescript", Budget(None)).units
    return next(unit for unit in units if unit.kind == "class").members


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("enable2fa", "2FA enabling"),
        ("generateTokenIds", "Token IDs generation"),
        ("handleKeyDown", "Key down handling"),
        ("handleOpenChange", "Open change handling"),
        ("encodeBase64", "Base64 encoding"),
    ],
)
def test_labels_keep_acronyms_with_their_digits_and_plurals(name, label):
    from iris.analysis.labels import function_label

    assert function_label(name) == label


def test_a_command_class_is_read_from_its_own_description_and_dispatch():
    methods = "".join(
        f"  async {name} (args) {{\n" + "    await step(args)\n" * 10 + "  }\n\n"
        for name in ("list", "rm", "create")
    )
    source = (
        "const BaseCommand = require('../base-command.js')\n\n"
        "class Token extends BaseCommand {\n"
        "  static get description () {\n    return 'Manage your authentication tokens'\n  }\n\n"
        "  static name = 'token'\n\n"
        "  async exec (args) {\n    switch (args[0]) {\n"
        "      case 'list': return this.list(args)\n"
        "      case 'rm': return this.rm(args)\n"
        "      case 'create': return this.create(args)\n"
        "      default: throw new Error('Unknown token command: ' + args[0])\n"
        "    }\n  }\n\n"
        f"{methods}}}\n\nmodule.exports = Token\n"
    )
    analysis = analyze(source, "javascript", "token.js")
    assert analysis.file_intent == "Token command: manage your authentication tokens."
    described = {block.label: block.description for block in analysis.blocks}
    dispatch = next(
        block for block in analysis.blocks if block.ranges[0][0] <= 10 <= block.ranges[0][1]
    )
    assert dispatch.description.endswith(
        'dispatches to list, rm and create; fails with "Unknown token command".'
    )
    assert "Token removal" in described


def test_a_file_of_error_classes_says_so_and_a_doc_that_only_names_a_class_is_not_used():
    error = (
        "/**\n * {0} class\n */\nclass {0} extends {1} {{\n"
        "  constructor(message) {{\n    super(message);\n    this.name = '{0}';\n  }}\n}}\n\n"
    )
    source = error.format("AppError", "Error") + error.format("ConfigError", "AppError")
    analysis = analyze(source, "javascript", "errors.js")
    assert analysis.file_intent == "App error classes: AppError and ConfigError."
    assert [block.description for block in analysis.blocks] == [
        "Error raised for app.",
        "Error raised for config.",
    ]


def test_parallel_siblings_share_a_block_named_by_what_differs():
    getters = "".join(
        f"defineGetter(req, '{name}', function {name}() {{\n"
        + "  const value = this.get('x-{name}');\n" * 6
        + "  return value;\n});\n\n"
        for name in ("protocol", "ip")
    )
    source = f"const req = Object.create(http.IncomingMessage.prototype);\n\n{getters}"
    analysis = analyze(source, "javascript", "request.js")
    assert [block.label for block in analysis.blocks] == ["Protocol and IP getters"]


def test_parts_of_one_thing_are_named_together_and_doc_links_read_as_text():
    parts = "".join(
        f"const {name} = ({{ className, ...props }}) => (\n"
        f'  <div className={{cn("{name.lower()}", className)}} {{...props}} />\n)\n'
        f'{name}.displayName = "{name}"\n\n'
        for name in ("Card", "CardHeader", "CardTitle", "CardFooter")
    )
    analysis = analyze(parts, "typescriptreact", "card.tsx")
    assert analysis.file_intent == ("Card components: Card, CardHeader, CardTitle and CardFooter.")
    linked = (
        "/**\n * A tree item is a node that lives inside a [tree](/components/tree).\n */\n"
        "export function TreeItem() {\n  return <li />;\n}\n"
    )
    assert analyze(linked, "typescriptreact", "tree-item.tsx").file_intent == (
        "A tree item is a node that lives inside a tree."
    )


def test_a_lit_render_is_never_module_code():
    fields = "".join(f"  @property() value{n} = {n};\n" for n in range(12))
    source = (
        "export class SlRating extends ShoelaceElement {\n"
        f"{fields}\n"
        "  render() {\n    return html`\n"
        + '      <div class="rating"></div>\n' * 30
        + "    `;\n  }\n}\n"
    )
    analysis = analyze(source, "typescript", "rating.component.ts")
    described = [block.description for block in analysis.blocks]
    assert "Renders the rating markup." in described
    assert "Statements run when the module is loaded." not in described


def test_lifecycle_methods_are_named_by_the_stage_they_serve():
    body = "    this.step();\n" * 25
    source = (
        "class Poll extends React.Component {\n"
        f"  componentDidMount () {{\n    window.addEventListener('scroll', this.onScroll);\n{body}"
        "  }\n\n"
        f"  render () {{\n    return (\n      <div>\n{'        <p />' + chr(10)}"
        * 1
        + "      </div>\n    );\n  }\n\n"
        f"  componentWillUnmount () {{\n    window.removeEventListener('scroll', this.onScroll);\n"
        f"{body}  }}\n}}\n"
    )
    analysis = analyze(source, "javascriptreact", "poll.jsx")
    labels = [block.label for block in analysis.blocks]
    assert "Poll setup" in labels and "Poll teardown" in labels
    described = {block.label: block.description for block in analysis.blocks}
    assert described["Poll setup"].startswith("Runs on mount")


def test_fluent_setters_are_one_configuration_block():
    setters = "".join(
        f"  {name}(value) {{\n    this.{name}Value = value;\n    this.touched = true;\n"
        "    return this;\n  }\n\n"
        for name in ("conflicts", "env", "argParser", "hideHelp", "preset", "choices")
    )
    source = (
        "class Option {\n  constructor(flags) {\n"
        + "    this.flags = flags;\n" * 30
        + "  }\n\n"
        + setters
        + "}\n\nexports.Option = Option;\n"
    )
    analysis = analyze(source, "javascript", "option.js")
    fluent = next(block for block in analysis.blocks if block.label == "Option configuration")
    assert fluent.description.startswith("Sets conflicts, env, arg parser")
    assert fluent.description.endswith("each returns the instance, so calls chain.")


def test_a_member_doc_one_blank_line_above_it_belongs_to_it():
    source = (
        "class Option {\n  constructor(flags) {\n    this.flags = flags;\n  }\n\n"
        "  /**\n   * Set the default value.\n   */\n\n"
        "  default(value) {\n    this.defaultValue = value;\n    return this;\n  }\n}\n"
    )
    members = _class_parts(source)
    documented = next(unit for unit in members if unit.names == (".default",))
    assert (documented.start, documented.summary) == (6, "Set the default value.")


def test_a_function_file_is_said_by_its_main_export_and_its_overloads_doc():
    source = (
        "type Falsy = null | undefined | false;\n\n"
        "/**\n * When `condition` is true, returns the result of calling `trueCase()`, else\n"
        " * returns the result of calling `falseCase()` if `falseCase` is defined.\n */\n"
        "export function when<T>(condition: Falsy, trueCase: () => T): undefined;\n"
        "export function when<T>(condition: unknown, trueCase: () => T): T;\n"
        "export function when(condition: unknown, trueCase: () => unknown): unknown {\n"
        "  return condition ? trueCase() : undefined;\n}\n"
    )
    analysis = analyze(source, "typescript", "when.ts")
    assert analysis.file_intent == (
        "When `condition` is true, returns the result of calling `trueCase()`."
    )


def test_a_helper_beside_the_main_export_is_not_the_intent():
    source = (
        "const maxDistance = 3;\n\n"
        "function editDistance(a, b) {\n  return a.length - b.length;\n}\n\n"
        "/**\n * Find close matches, restricted to same number of edits.\n */\n"
        "function suggestSimilar(word, candidates) {\n"
        "  return candidates.filter((c) => editDistance(word, c) < maxDistance);\n}\n\n"
        "exports.suggestSimilar = suggestSimilar;\n"
    )
    analysis = analyze(source, "javascript", "suggestSimilar.js")
    assert analysis.file_intent == "Find close matches, restricted to same number of edits."


def test_what_every_component_declares_for_react_is_not_what_it_holds():
    """propTypes and defaultProps say how React checks props, not what the component holds."""
    source = (
        "export default class Avatar extends React.PureComponent {\n"
        "  static propTypes = { src: PropTypes.string };\n"
        "  static defaultProps = { size: 20 };\n"
        "  state = { hovering: false };\n"
        "  handleMouseEnter = () => {\n    this.setState({ hovering: true });\n  };\n"
        "  render() {\n    return <img src={this.props.src} />;\n  }\n}\n"
    )
    intent = analyze(source, "javascriptreact", "avatar.jsx").file_intent
    assert intent.startswith("Avatar component")
    assert not [phrase for phrase in ("prop types", "default props") if phrase in intent]


@pytest.mark.parametrize("title", ["Internal dependencies", "Third-party imports", "Requires:"])
def test_a_comment_that_titles_the_imports_below_is_not_the_files_intent(title):
    source = (
        f"/**\n * {title}\n */\nimport Tooltip from './tooltip';\n\n"
        "export function Bar({ label }) {\n  return <Tooltip>{label}</Tooltip>;\n}\n"
    )
    intent = analyze(source, "javascriptreact", "bar.jsx").file_intent
    assert title.rstrip(":").lower() not in intent.lower()


def test_top_level_overload_stubs_go_with_their_implementation():
    stubs = "".join(
        f"export function when<T>(\n  condition: {kind},\n  trueCase: () => T\n): {kind};\n"
        for kind in ("null", "string", "number")
    )
    doc = "".join(f" * Line {n} of what `when` does with its condition.\n" for n in range(14))
    source = (
        f"type Falsy = null | undefined;\n\n/**\n{doc} */\n{stubs}"
        "export function when(condition: unknown, trueCase: () => unknown): unknown {\n"
        + "  condition = condition ?? undefined;\n" * 4
        + "  return condition ? trueCase() : undefined;\n}\n"
    )
    blocks = blocks_of(analyze(source, "typescript", "when.ts"))
    assert len(source.splitlines()) > 30
    assert [ranges for _, ranges in blocks] == [[[1, len(source.splitlines())]]]


def test_a_small_class_whose_few_methods_share_its_state_stays_whole():
    methods = "".join(
        f"  /**\n   * {doc}\n   */\n  {name}(item) {{\n"
        + "    this.handlers.set(item, true);\n" * 8
        + "  }\n\n"
        for name, doc in (
            ("use", "Add a new interceptor to the stack"),
            ("eject", "Remove an interceptor from the stack"),
            ("clear", "Clear all interceptors from the stack"),
        )
    )
    source = (
        "class InterceptorManager {\n  constructor() {\n    this.handlers = new Map();\n  }\n\n"
        f"{methods}}}\n\nexport default InterceptorManager;\n"
    )
    analysis = analyze(source, "javascript", "InterceptorManager.js")
    assert len(source.splitlines()) > 40
    assert [ranges for _, ranges in blocks_of(analysis)] == [[[1, len(source.splitlines())]]]


def rule_source() -> str:
    helpers = "".join(
        f"        /**\n         * {doc}\n         */\n        function {name}(line) {{\n"
        + "            line = line.trim();\n" * 12
        + "            return line;\n        }\n\n"
        for name, doc in (
            ("computeLineLength", "Computes the length of a line."),
            ("stripTrailingComment", "Gets the line without its trailing comment."),
            ("getAllComments", "Returns every comment of the source."),
        )
    )
    return (
        'const SCHEMA = { type: "object" };\n\nmodule.exports = {\n    meta: {\n'
        '        type: "layout",\n        schema: [SCHEMA],\n    },\n\n'
        f"    create(context) {{\n{helpers}"
        "        return { Program: () => getAllComments(context) };\n    },\n};\n"
    )


def test_an_exported_object_is_a_unit_whose_large_function_opens_into_its_helpers():
    source = rule_source()
    analysis = analyze(source, "javascript", "max-len.js")
    starts = [ranges[0][0] for _, ranges in blocks_of(analysis)]
    lines = source.splitlines()
    helper_starts = [number for number, line in enumerate(lines, 1) if line.strip() == "/**"]
    assert len(starts) >= 3
    assert set(starts[1:]) <= {*helper_starts, 10}
    assert all("module setup" not in label.lower() for label, _ in blocks_of(analysis))


def test_a_create_class_component_is_opened_into_its_methods():
    methods = "".join(
        f"  {name}() {{\n" + "    this.setState({ ready: true });\n" * 12 + "  },\n\n"
        for name in ("componentDidMount", "loadStreams", "copyPermalink")
    )
    source = (
        'import React from "react";\n\nconst MessageDetail = React.createClass({\n'
        "  propTypes: {\n    message: React.PropTypes.object,\n  },\n\n"
        f"{methods}  render() {{\n    return <div>{{this.props.message}}</div>;\n  }},\n}});\n\n"
        "export default MessageDetail;\n"
    )
    analysis = analyze(source, "javascriptreact", "MessageDetail.jsx")
    assert len(analysis.blocks) >= 2


def test_imports_join_the_part_below_a_bare_class_line_not_it_alone():
    imports = "".join(f"import {{ helper{n} }} from './helper{n}.js';\n" for n in range(12))
    methods = "".join(
        f"  {name}(input) {{\n"
        + "    input = helper1(input);\n" * 20
        + "    return input;\n  }\n\n"
        for name in ("static create", "retry", "fetch", "stream")
    )
    source = f"{imports}\nexport class Ky {{\n{methods}}}\n"
    first = blocks_of(analyze(source, "typescript", "Ky.ts"))[0][1][0]
    assert first[0] == 1 and first[1] > 14


def _intent_problems(analysis) -> list[str]:
    answer = {
        "file_intent": analysis.file_intent,
        "responsibility_blocks": [block.as_json() for block in analysis.blocks],
    }
    return intent_is_not_filler_or_stitched(answer)


def test_a_class_is_said_by_what_it_does_not_by_its_name_made_a_verb():
    source = (
        "export class Ky {\n  static create(input, options) {\n"
        "    const ky = new Ky(input, options);\n"
        "    return ky._fetch();\n  }\n\n  constructor(input, options) {\n    this.input = input;\n"
        "    this.options = options;\n  }\n\n  async _fetch() {\n    if (!this.input) {\n"
        "      throw new TypeError('No input');\n    }\n"
        "    return fetch(this.input, this.options);\n"
        "  }\n}\n"
    )
    analysis = analyze(source, "typescript", "Ky.ts")
    assert analysis.file_intent == "Ky class that makes HTTP requests."
    assert _intent_problems(analysis) == []


def test_a_component_is_said_by_what_it_renders_not_by_its_getters_or_library_wrappers():
    source = (
        "import React from 'react';\nimport { Spinner } from 'react-bootstrap';\n"
        "import StreamLink from './StreamLink';\n\n"
        "class MessageDetail extends React.Component {\n  getInitialState() {\n"
        "    return { open: false };\n  }\n\n  getStreamIds() {\n    return this.props.streams;\n"
        "  }\n\n  render() {\n    return (\n      <div>\n        <Spinner />\n"
        "        <StreamLink streams={this.getStreamIds()} />\n      </div>\n    );\n  }\n}\n\n"
        "export default MessageDetail;\n"
    )
    analysis = analyze(source, "javascriptreact", "MessageDetail.jsx")
    assert analysis.file_intent == "Message detail component that renders StreamLink."
    assert _intent_problems(analysis) == []


def test_a_component_is_said_by_the_events_it_handles_not_its_timers_or_state_updates():
    source = (
        "import React from 'react';\nimport GridLayout from './GridLayout';\n\n"
        "class Dashboard extends React.Component {\n  componentDidMount() {\n"
        "    window.addEventListener('resize', this.onResize);\n  }\n\n  onResize() {\n"
        "    clearTimeout(this.timer);\n"
        "    this.timer = setTimeout(() => this.setState({ width: 1 }), 50);\n  }\n\n"
        "  render() {\n    return <GridLayout width={this.state.width} />;\n  }\n}\n\n"
        "export default Dashboard;\n"
    )
    analysis = analyze(source, "javascriptreact", "Dashboard.jsx")
    assert analysis.file_intent == (
        "Dashboard component that listens for the resize event and renders GridLayout."
    )
    assert _intent_problems(analysis) == []


def _only_block(analysis):
    assert len(analysis.blocks) == 1
    return analysis.blocks[0].description


def test_a_component_is_said_by_the_element_it_returns_its_text_and_the_prop_it_calls():
    source = (
        "import { PureComponent } from 'react';\nimport { FormattedMessage } from 'react-intl';\n\n"
        "export default class ShowMore extends PureComponent {\n  render() {\n    return (\n"
        "      <button type='button' onClick={this.props.onClick}>\n"
        "        <FormattedMessage id='more' defaultMessage='Show more' />\n"
        "      </button>\n    );\n  }\n}\n"
    )
    analysis = analyze(source, "javascriptreact", "show_more.jsx")
    assert analysis.file_intent == (
        "Show more component that renders a 'Show more' button that calls onClick."
    )
    assert _only_block(analysis) == "Renders a 'Show more' button that calls onClick."
    assert _intent_problems(analysis) == []


def test_a_function_component_says_its_literal_text_and_the_handler_it_wires():
    source = (
        "export function SaveButton({ onSave }) {\n"
        "  return <button onClick={onSave}>Save draft</button>;\n}\n"
    )
    analysis = analyze(source, "javascriptreact", "SaveButton.jsx")
    assert _only_block(analysis) == "Renders a 'Save draft' button that calls onSave."


def test_a_list_is_said_by_the_array_it_maps():
    source = (
        "export const TagList = ({ tags }) => (\n  <ul className='tags'>\n"
        "    {tags.map((tag) => <li key={tag}>{tag}</li>)}\n  </ul>\n);\n"
    )
    analysis = analyze(source, "typescriptreact", "TagList.tsx")
    assert _only_block(analysis) == "Renders a list of tags."


def test_an_element_is_named_by_its_label_when_it_has_no_text():
    source = "export const Logo = ({ src }) => <img src={src} alt='Company logo' />;\n"
    analysis = analyze(source, "javascriptreact", "Logo.jsx")
    assert _only_block(analysis) == "Renders a 'Company logo' image."


def test_an_early_spinner_is_passed_over_for_the_element_returned_after_it():
    source = (
        "export function SearchBox({ loading, onSearch }) {\n"
        "  if (loading) return <Spinner />;\n"
        "  return (\n    <form onSubmit={onSearch}>\n      <input name='q' />\n"
        "    </form>\n  );\n}\n"
    )
    analysis = analyze(source, "javascriptreact", "SearchBox.jsx")
    assert _only_block(analysis) == "Renders a form that calls onSearch."


@pytest.mark.parametrize(
    "returned",
    [
        "<div className='card'><button onClick={onOpen}>Open</button></div>",
        "<Panel>{items.map((item) => { return <button onClick={onOpen}>Open</button>; })}</Panel>",
    ],
)
def test_an_element_inside_a_wrapper_or_a_callback_is_not_what_the_component_shows(returned):
    source = f"export function Card({{ onOpen, items }}) {{\n  return (\n    {returned}\n  );\n}}\n"
    analysis = analyze(source, "javascriptreact", "Card.jsx")
    assert "button" not in _only_block(analysis)


def test_the_code_after_a_self_closed_element_is_not_its_text():
    source = (
        "export const Search = ({ onChange }) => (\n"
        "  <input placeholder={hint} onChange={onChange} />\n);\n\nexport default Search;\n"
    )
    analysis = analyze(source, "javascriptreact", "Search.jsx")
    assert analysis.blocks[0].description == "Renders an input field that calls onChange."


def test_a_containers_first_child_text_is_not_its_own():
    source = (
        "export const Login = ({ onLogin }) => (\n  <form onSubmit={onLogin}>\n"
        "    <label><FormattedMessage id='user' defaultMessage='User name' /></label>\n"
        "    Welcome back\n  </form>\n);\n"
    )
    analysis = analyze(source, "javascriptreact", "Login.jsx")
    assert analysis.blocks[0].description == "Renders a form that calls onLogin."
