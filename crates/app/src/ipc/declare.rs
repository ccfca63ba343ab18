//! The two declaration macros. Each turns one list into everything that must agree with it:
//! the Rust side the desktop shell calls and the TypeScript the screen imports, so the two can
//! never drift apart.
//!
//! The expansion refers to `Ventanilla`, `UiError`, `Types`, `camel`, `name_of` and the helpers
//! of `args.rs` by name: the module that invokes a macro brings them into scope.

/// Declares the screen's commands. Each line gives the command's name, its arguments and their
/// Rust types, its answer, and the use case it runs (`|app| ...` evaluating to a
/// `Result<answer, UiError>`). Arguments travel in camelCase, as JavaScript writes them.
macro_rules! declare_commands {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty = |$app:ident| $body:expr;
    )*) => {
        /// The name of every command, as the screen sends it.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Runs one command for the screen: reads its arguments, runs the use case and gives
        /// its answer as JSON. A malformed call is a bug in the screen, never the cashier's.
        pub async fn dispatch(
            app: &Ventanilla,
            command: &str,
            args: serde_json::Value,
        ) -> Result<serde_json::Value, UiError> {
            match command {
                $(stringify!($name) => {
                    let args = &mut arguments(app, command, args)?;
                    $(let $arg: $ty = argument(app, command, args, stringify!($arg))?;)*
                    no_other_arguments(app, command, args)?;
                    let $app = app;
                    let answer: Result<$ret, UiError> = $body;
                    serde_json::to_value(answer?)
                        .map_err(|e| malformed(app, command, format!("answer: {e}")))
                })*
                other => Err(unknown(app, other)),
            }
        }

        /// The `commands` object of the generated TypeScript: one typed function per command.
        pub fn typescript() -> String {
            let mut out = String::from("\nexport const commands = {\n");
            $({
                let docs: &[&str] = &[$($doc),*];
                let params: Vec<String> =
                    vec![$(format!("{}: {}", camel(stringify!($arg)), name_of::<$ty>())),*];
                let keys: Vec<String> = vec![$(camel(stringify!($arg))),*];
                let keys = if keys.is_empty() {
                    "{}".to_owned()
                } else {
                    format!("{{ {} }}", keys.join(", "))
                };
                if !docs.is_empty() {
                    out.push_str(&format!("  /**{} */\n", docs.join(" ")));
                }
                out.push_str(&format!(
                    "  {}: ({}): Promise<{}> => call(\"{}\", {}),\n",
                    camel(stringify!($name)),
                    params.join(", "),
                    name_of::<$ret>(),
                    stringify!($name),
                    keys,
                ));
            })*
            out.push_str("};\n");
            out
        }

        /// Every type a command takes or gives.
        pub fn visit_types(types: &mut Types) {
            $($(types.add::<$ty>();)* types.add::<$ret>();)*
        }
    };
}

/// Declares the events the screen hears: a variant, its payload type and the event's name.
macro_rules! declare_events {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident($payload:ty) = $name:literal;
    )*) => {
        /// One piece of news for the screen. It serializes as its payload alone.
        #[derive(Debug, Clone, serde::Serialize)]
        #[serde(untagged)]
        // An event lives only while it is handed to the screen; boxing the larger payloads
        // would buy nothing.
        #[allow(clippy::large_enum_variant)]
        pub enum Event {
            $($(#[doc = $doc])* $variant($payload),)*
        }

        impl Event {
            /// The name the screen listens for.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Event::$variant(_) => $name,)*
                }
            }
        }

        /// The `events` object of the generated TypeScript: one listener per event.
        pub fn typescript() -> String {
            let mut out = String::from("\nexport const events = {\n");
            $({
                let docs: &[&str] = &[$($doc),*];
                let variant = stringify!($variant);
                let listener = format!("{}{}", variant[..1].to_lowercase(), &variant[1..]);
                let payload = name_of::<$payload>();
                if !docs.is_empty() {
                    out.push_str(&format!("  /**{} */\n", docs.join(" ")));
                }
                out.push_str(&format!(
                    "  {listener}: (f: (payload: {payload}) => void): Promise<UnlistenFn> => listen<{payload}>(\"{}\", (e) => f(e.payload)),\n",
                    $name,
                ));
            })*
            out.push_str("};\n");
            out
        }

        /// Every type an event carries.
        pub fn visit_types(types: &mut Types) {
            $(types.add::<$payload>();)*
        }
    };
}
