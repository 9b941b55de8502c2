//! Files Palma writes outside its database: documents handed to the PDF viewer (the print
//! folder) and exports into a folder the person chose.
//!
//! A file is always created new: nothing at its name is overwritten, and a link there is never
//! followed (`create_new`, plus `O_NOFOLLOW` on Unix), so a link planted in a shared folder
//! cannot send client data somewhere else or clobber another file. Such files are readable by
//! their owner only (mode 0600).
//!
//! The print folder is this user's alone: `palma/print` in the per-user runtime folder (or the
//! cache folder where there is none), made with mode 0700. An existing one is used only when it
//! is a real folder (not a link) owned by this user that nobody else may open; otherwise printing
//! is refused with the reason. Printed files get an unpredictable name (the document's kind and
//! a random part) and are removed a day after they were written, each time the folder is
//! prepared. `PALMA_PRINT_DIR` names another folder (kiosks, automated tests); the same checks
//! apply to it.

use crate::error::{ApiError, ErrorCode};
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Overrides the print folder; nothing is then opened in a viewer.
pub const PRINT_DIR_VAR: &str = "PALMA_PRINT_DIR";

/// Printed files older than this are removed.
const KEEP_PRINTED: Duration = Duration::from_secs(24 * 60 * 60);

/// How many numbered names (`name`, `name-2`, … `name-99`) an export tries before giving up.
const NUMBERED_NAMES: u32 = 99;

/// Creates `path` as a new file (mode 0600) holding `bytes`. Fails with `AlreadyExists` when
/// anything is at that name — a file, a folder or a link, even one pointing nowhere.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(path)?;
    let written = file.write_all(bytes).and_then(|()| file.flush());
    if let Err(error) = written {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(error);
    }
    Ok(())
}

/// Why a new name in a folder could not be had.
#[derive(Debug)]
pub enum Unwritten {
    /// A link sits at `name`: Palma never writes through one.
    Link(String),
    /// `name` and every numbered variant of it are taken.
    Taken(String),
    Io(io::Error),
}

impl Unwritten {
    /// The person's error: `conflict` naming the file for a link or a full set of names, the
    /// folder `field` refused for anything else (the I/O error goes to the log, not the screen).
    pub fn into_api_error(self, field: &str) -> ApiError {
        match self {
            Self::Link(name) => ApiError::conflict(format!(
                "There is a link named {name} in this folder, and Palma never writes through a \
                 link. Remove it or choose another folder."
            )),
            Self::Taken(name) => ApiError::conflict(format!(
                "{name} and its numbered copies up to -{NUMBERED_NAMES} already exist in this \
                 folder, and Palma never writes over a file. Choose another folder."
            )),
            Self::Io(error) => {
                tracing::warn!(%error, "writing into a chosen folder failed");
                ApiError::validation(
                    field,
                    "Palma could not write to this folder. Choose another one.",
                )
            }
        }
    }
}

/// Puts something new at the first free name of `stem` + `extension`, `stem-2` + `extension`
/// … in `folder`: `place` must fail with `AlreadyExists` when the name is taken, and never
/// replace what is there. A taken name moves on to the next one, except a link, which stops
/// everything. Returns the path used.
pub fn at_free_name(
    folder: &Path,
    stem: &str,
    extension: &str,
    mut place: impl FnMut(&Path) -> io::Result<()>,
) -> Result<PathBuf, Unwritten> {
    for n in 1..=NUMBERED_NAMES {
        let name = if n == 1 {
            format!("{stem}{extension}")
        } else {
            format!("{stem}-{n}{extension}")
        };
        let path = folder.join(&name);
        match place(&path) {
            Ok(()) => return Ok(path),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                let is_link = std::fs::symlink_metadata(&path)
                    .is_ok_and(|meta| meta.file_type().is_symlink());
                if is_link {
                    return Err(Unwritten::Link(name));
                }
            }
            Err(error) => return Err(Unwritten::Io(error)),
        }
    }
    Err(Unwritten::Taken(format!("{stem}{extension}")))
}

/// Renames `from` to `to` unless something is already at `to` (then `AlreadyExists`): a folder
/// made under a temporary name takes its final name without replacing anything there. On Linux
/// the kernel checks and renames in one step; elsewhere the check comes just before.
pub fn rename_new(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            // File systems without RENAME_NOREPLACE answer EINVAL: check, then rename, below.
            Err(rustix::io::Errno::INVAL) => {}
            Err(error) => return Err(error.into()),
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    std::fs::rename(from, to)
}

/// A random part for a name nobody can guess in advance (128 bits, hex).
pub fn random_part() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// The folder printed documents are written to before the viewer opens them.
#[derive(Debug)]
pub struct PrintFolder {
    path: PathBuf,
    set_by_environment: bool,
}

impl PrintFolder {
    /// This user's print folder (or `PALMA_PRINT_DIR`), checked or made private, with files
    /// older than a day (before `now`) removed.
    pub fn prepare(now: SystemTime) -> Result<Self, ApiError> {
        let (path, set_by_environment) = match std::env::var_os(PRINT_DIR_VAR) {
            Some(dir) => (PathBuf::from(dir), true),
            None => (default_location()?, false),
        };
        let folder = Self {
            set_by_environment,
            ..Self::at(&path)?
        };
        folder.remove_older(now);
        Ok(folder)
    }

    /// The folder at `path`, checked or made private.
    pub fn at(path: &Path) -> Result<Self, ApiError> {
        Ok(Self {
            path: private_folder(path)?,
            set_by_environment: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether `PALMA_PRINT_DIR` chose the folder: printing then only writes the file.
    pub fn is_set_by_environment(&self) -> bool {
        self.set_by_environment
    }

    /// Writes `bytes` as a new file `<kind>-<random><extension>`; returns its path.
    pub fn write(&self, kind: &str, extension: &str, bytes: &[u8]) -> Result<PathBuf, ApiError> {
        let path = self
            .path
            .join(format!("{kind}-{}{extension}", random_part()));
        write_new(&path, bytes).map_err(|error| {
            tracing::warn!(%error, "writing a file for printing failed");
            native_error("The file could not be written to the print folder.")
        })?;
        Ok(path)
    }

    /// Removes the files written more than a day before `now`; returns how many went.
    pub fn remove_older(&self, now: SystemTime) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.path) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.filter_map(Result::ok) {
            let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                continue;
            };
            let old = meta
                .modified()
                .ok()
                .and_then(|written| now.duration_since(written).ok())
                .is_some_and(|age| age > KEEP_PRINTED);
            if !meta.is_dir() && old && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

/// `palma/print` in this user's runtime folder, or in their cache folder where there is none.
fn default_location() -> Result<PathBuf, ApiError> {
    let dirs = directories::ProjectDirs::from("org", "palma", "Palma")
        .ok_or_else(|| native_error("This user has no home folder to print from."))?;
    let base = dirs.runtime_dir().unwrap_or_else(|| dirs.cache_dir());
    Ok(base.join("print"))
}

/// Makes `path` (mode 0700) when missing; returns it when it is a folder of this user's that
/// nobody else may open, and refuses it otherwise.
fn private_folder(path: &Path) -> Result<PathBuf, ApiError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|_| native_error("The print folder could not be created."))?;
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    match builder.create(path) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
        Err(_) => return Err(native_error("The print folder could not be created.")),
    }
    let meta = std::fs::symlink_metadata(path)
        .map_err(|_| native_error("The print folder could not be read."))?;
    if let Some(reason) = not_private(&meta) {
        return Err(native_error(&format!(
            "The print folder {} {reason}, so Palma will not put client documents there. \
             Remove it, or ask whoever looks after this computer.",
            path.display()
        )));
    }
    Ok(path.to_path_buf())
}

/// Why a folder is not private to this user, if it is not.
fn not_private(meta: &std::fs::Metadata) -> Option<&'static str> {
    if meta.file_type().is_symlink() {
        return Some("is a link, not a folder");
    }
    if !meta.is_dir() {
        return Some("is not a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.uid() != rustix::process::geteuid().as_raw() {
            return Some("belongs to another user");
        }
        if meta.mode() & 0o077 != 0 {
            return Some("can be opened by other users");
        }
    }
    None
}

/// An error of the computer, not of what the person typed.
fn native_error(message: &str) -> ApiError {
    ApiError {
        code: ErrorCode::Internal,
        message: message.to_owned(),
        field: None,
        problems: Vec::new(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    #[test]
    fn a_link_planted_at_the_name_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let victim = elsewhere.path().join("victim");
        let planted = dir.path().join("sheet.pdf");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let refused = write_new(&planted, b"%PDF-").unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        assert!(!victim.exists(), "nothing was written through the link");
        std::fs::write(&victim, b"someone's file").unwrap();
        assert!(write_new(&planted, b"%PDF-").is_err());
        assert_eq!(std::fs::read(&victim).unwrap(), b"someone's file");
        // Numbered names stop at a link; an ordinary file only moves on to the next name.
        let stopped = at_free_name(dir.path(), "sheet", ".pdf", |p| write_new(p, b"x"));
        assert!(matches!(stopped, Err(Unwritten::Link(name)) if name == "sheet.pdf"));
        std::fs::write(dir.path().join("list.csv"), b"mine").unwrap();
        let next = at_free_name(dir.path(), "list", ".csv", |p| write_new(p, b"new")).unwrap();
        assert_eq!(next, dir.path().join("list-2.csv"));
        assert_eq!(std::fs::read(dir.path().join("list.csv")).unwrap(), b"mine");
        let mode = std::fs::metadata(&next).unwrap().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn a_folder_takes_its_name_only_when_nothing_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let staged = dir.path().join("staged");
        std::fs::create_dir(&staged).unwrap();
        let taken = dir.path().join("taken");
        std::fs::create_dir(&taken).unwrap();
        let refused = rename_new(&staged, &taken).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        assert!(staged.is_dir(), "the empty folder there was not replaced");
        rename_new(&staged, &dir.path().join("free")).unwrap();
        assert!(dir.path().join("free").is_dir());
    }

    #[test]
    fn a_shared_foreign_or_linked_print_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let made = PrintFolder::at(&dir.path().join("print")).unwrap();
        let mode = std::fs::metadata(made.path()).unwrap().mode() & 0o777;
        assert_eq!(mode, 0o700, "a new print folder is private");
        assert!(PrintFolder::at(made.path()).is_ok(), "and used again");

        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
        let refused = PrintFolder::at(&shared).unwrap_err();
        assert!(
            refused.message.contains("can be opened by other users"),
            "{}",
            refused.message
        );

        let linked = dir.path().join("linked");
        std::os::unix::fs::symlink(made.path(), &linked).unwrap();
        let refused = PrintFolder::at(&linked).unwrap_err();
        assert!(refused.message.contains("is a link"), "{}", refused.message);

        let foreign = dir.path().join("foreign");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::set_permissions(&foreign, std::fs::Permissions::from_mode(0o700)).unwrap();
        // Only root may give a folder away; others check the rule on root's own folder.
        let foreign = match std::os::unix::fs::chown(&foreign, Some(54_321), None) {
            Ok(()) => foreign,
            Err(_) if Path::new("/root").is_dir() => PathBuf::from("/root"),
            // Neither root nor a /root to look at: this machine has no foreign folder to offer.
            Err(_) => return,
        };
        let refused = PrintFolder::at(&foreign).unwrap_err();
        assert!(
            refused.message.contains("belongs to another user"),
            "{}",
            refused.message
        );
    }

    #[test]
    fn printed_files_get_new_unguessable_names_and_go_after_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let folder = PrintFolder::at(&dir.path().join("print")).unwrap();
        let first = folder.write("aftercare", ".pdf", b"%PDF-1").unwrap();
        let second = folder.write("aftercare", ".pdf", b"%PDF-2").unwrap();
        assert_ne!(first, second);
        for path in [&first, &second] {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                name.starts_with("aftercare-") && name.ends_with(".pdf"),
                "{name}"
            );
            assert_eq!(name.len(), "aftercare-".len() + 32 + ".pdf".len(), "{name}");
            assert_eq!(std::fs::metadata(path).unwrap().mode() & 0o777, 0o600);
        }
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let day = Duration::from_secs(24 * 60 * 60);
        let written_at = |path: &Path, at: SystemTime| {
            let file = std::fs::File::options().write(true).open(path).unwrap();
            file.set_modified(at).unwrap();
        };
        written_at(&first, now - day - Duration::from_secs(1));
        written_at(&second, now - day + Duration::from_secs(60));
        assert_eq!(folder.remove_older(now), 1);
        assert!(!first.exists(), "a file older than a day is removed");
        assert!(second.exists(), "a younger one stays");
    }
}
