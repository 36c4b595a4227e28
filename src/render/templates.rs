//! The templates a document is rendered with: the built-in ones, embedded in the binary, or a directory of
//! the user's own laid over them by file name. A user's template may replace a built-in one
//! (`body.md.tera`, `charter.md.tera`, `charter.html.tera`, `checklist.md.tera`, and the stylesheet
//! `charter.css`) or add a partial for the others to include.
//!
//! Templates receive the document as data. Charter text is a value in the context, escaped for Markdown
//! (see [`Md`](super::markdown::Md)); no template, built-in or not, can make it run as template code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tera::{Context, Tera};

use crate::error::Error;

/// The built-in templates, by the names a user's directory overrides.
const BUILTIN: &[(&str, &str)] = &[
    ("body.md.tera", include_str!("../../templates/body.md.tera")),
    (
        "charter.md.tera",
        include_str!("../../templates/charter.md.tera"),
    ),
    (
        "charter.html.tera",
        include_str!("../../templates/charter.html.tera"),
    ),
    (
        "checklist.md.tera",
        include_str!("../../templates/checklist.md.tera"),
    ),
];

/// The built-in stylesheet of the HTML document.
use super::CSS;

/// The file name of the stylesheet in a user's template directory.
pub const CSS_NAME: &str = "charter.css";

/// A loaded set of templates and the stylesheet.
pub struct Templates {
    tera: Tera,
    css: String,
    /// The user's files, by template name, so that errors name the file the user wrote.
    user: BTreeMap<String, PathBuf>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// Where one of the user's files went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// It replaces the built-in template or stylesheet of that name.
    Replaces(String, PathBuf),
    /// It is a new template (a partial for the others to include).
    Adds(String, PathBuf),
    /// It is neither a `.tera` template nor `charter.css`, so it is not used.
    Ignored(PathBuf),
}

impl Templates {
    /// The templates built into the binary.
    ///
    /// # Errors
    /// Never for a released binary: a test renders every example with them.
    pub fn builtin() -> Result<&'static Templates, Error> {
        static BUILT: OnceLock<Result<Templates, String>> = OnceLock::new();
        BUILT
            .get_or_init(|| {
                let mut tera = Tera::new();
                // Markdown values arrive escaped (see `markdown::Md`); HTML templates escape what they print.
                tera.autoescape_on([".html.tera"]);
                tera.add_raw_templates(BUILTIN.iter().copied())
                    .map_err(|e| error_chain(&e))?;
                Ok(Templates {
                    tera,
                    css: CSS.to_owned(),
                    user: BTreeMap::new(),
                })
            })
            .as_ref()
            .map_err(|message| Error::Template {
                location: None,
                message: message.clone(),
                excerpt: String::new(),
            })
    }

    /// The built-in templates with the files of `dir` laid over them: every `*.tera` file (in `dir` or a
    /// folder below it, named by its path relative to `dir` with `/`) replaces the built-in template of that
    /// name or adds a new one, and `charter.css` replaces the stylesheet. Returns what became of each file.
    ///
    /// # Errors
    /// When `dir` or a file in it cannot be read, or a template does not compile; the error names the file,
    /// line and column.
    pub fn load(dir: &Path) -> Result<(Templates, Vec<Loaded>), Error> {
        let builtin = Templates::builtin()?;
        let mut files = Vec::new();
        walk(dir, dir, &mut files)?;
        files.sort();
        let mut css = builtin.css.clone();
        let mut sources: Vec<(String, String)> = Vec::new();
        let mut user = BTreeMap::new();
        let mut loaded = Vec::new();
        for (name, path) in files {
            if name == CSS_NAME || name.ends_with(".tera") {
                let text = read_template(&path)?;
                let replaces = name == CSS_NAME || BUILTIN.iter().any(|(n, _)| *n == name);
                loaded.push(if replaces {
                    Loaded::Replaces(name.clone(), path.clone())
                } else {
                    Loaded::Adds(name.clone(), path.clone())
                });
                if name == CSS_NAME {
                    css = text;
                } else {
                    user.insert(name.clone(), path);
                    sources.push((name, text));
                }
            } else {
                loaded.push(Loaded::Ignored(path));
            }
        }
        let mut tera = builtin.tera.clone();
        tera.add_raw_templates(sources)
            .map_err(|e| template_error(&e, &user))?;
        Ok((Templates { tera, css, user }, loaded))
    }

    /// The stylesheet of the HTML document.
    #[must_use]
    pub fn css(&self) -> &str {
        &self.css
    }

    /// Renders the template `name`.
    ///
    /// # Errors
    /// When the template fails; the error names the file, line and column.
    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, Error> {
        let mut out = Capped {
            bytes: Vec::new(),
            over: false,
        };
        match self.tera.render_to(name, ctx, &mut out) {
            Ok(()) => Ok(String::from_utf8(out.bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())),
            Err(_) if out.over => Err(Error::Template {
                location: Some(
                    self.user
                        .get(name)
                        .map_or_else(|| name.to_owned(), |path| path.display().to_string()),
                ),
                message: format!(
                    "the template produces more than {} MiB, far more than any charter needs; look for a loop that repeats without end",
                    MAX_OUTPUT >> 20
                ),
                excerpt: String::new(),
            }),
            Err(e) => Err(template_error(&e, &self.user)),
        }
    }
}

/// The most a template may produce, in bytes: over a thousand times the largest example's document, and
/// ten times that of a charter of 10,000 obligations, so that a template that loops without end stops
/// with an error instead of exhausting memory.
pub const MAX_OUTPUT: usize = 64 << 20;

/// The output of a template, refused once it passes [`MAX_OUTPUT`].
struct Capped {
    bytes: Vec<u8>,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT {
            self.over = true;
            return Err(std::io::Error::other("template output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Collects the files under `dir`, named relative to `root` with `/` separators. A folder reached again
/// through a symbolic link (a loop) is not read twice.
fn walk(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> Result<(), Error> {
    let mut seen = std::collections::BTreeSet::new();
    walk_once(root, dir, files, &mut seen)
}

fn walk_once(
    root: &Path,
    dir: &Path,
    files: &mut Vec<(String, PathBuf)>,
    seen: &mut std::collections::BTreeSet<PathBuf>,
) -> Result<(), Error> {
    let read = |path: &Path, source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let real = std::fs::canonicalize(dir).map_err(|e| read(dir, e))?;
    if !seen.insert(real) {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| read(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| read(dir, e))?.path();
        if path.is_dir() {
            walk_once(root, &path, files, seen)?;
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((name, path));
        }
    }
    Ok(())
}

/// The largest template or stylesheet read, in bytes.
pub const MAX_TEMPLATE: u64 = 4 << 20;

/// Reads one of the user's templates: a regular file (a FIFO or a device named like a template would
/// block or never end), of at most [`MAX_TEMPLATE`] bytes.
fn read_template(path: &Path) -> Result<String, Error> {
    use std::io::Read;
    let wrap = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(wrap)?;
    if !meta.is_file() {
        return Err(wrap(std::io::Error::other(
            "it is not a regular file; a template must be one",
        )));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_TEMPLATE + 1).read_to_string(&mut text))
        .map_err(wrap)?;
    if text.len() as u64 > MAX_TEMPLATE {
        return Err(wrap(std::io::Error::other(format!(
            "it is larger than {} MiB, which no template needs",
            MAX_TEMPLATE >> 20
        ))));
    }
    Ok(text)
}

/// A Tera error as the user should read it: the file (their path, for their templates), line and column,
/// what is wrong, and Tera's excerpt of the line with the offending text underlined.
pub(crate) fn template_error(e: &tera::Error, user: &BTreeMap<String, PathBuf>) -> Error {
    // Tera writes every located error as "error: <message>\n --> <name>:<line>:<column>\n<excerpt>", and
    // several of them joined by blank lines when a set of templates fails to compile.
    let mut text = error_chain(e);
    for (name, path) in user {
        text = text.replace(&format!("--> {name}:"), &format!("--> {}:", path.display()));
    }
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let message = first.strip_prefix("error: ").unwrap_or(first).to_owned();
    let location = rest
        .lines()
        .next()
        .and_then(|l| l.trim_start().strip_prefix("--> "))
        .map(str::to_owned);
    Error::Template {
        location,
        message,
        excerpt: rest.trim_end().to_owned(),
    }
}

/// A context from the document, or the reason it cannot be one.
pub(crate) fn context<T: serde::Serialize>(value: &T) -> Result<Context, Error> {
    Context::from_serialize(value).map_err(|e| Error::Template {
        location: None,
        message: error_chain(&e),
        excerpt: String::new(),
    })
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}
