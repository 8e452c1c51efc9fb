"""Errors a user can meet with exchange files: each says what happened and what to do.

Every one is raised before anything is written, so the database is untouched.
"""

from __future__ import annotations

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_


class PackageError(UserError):
    """Base of every refusal of an exchange file."""

    msgid = N_("The file cannot be used. Nothing was changed.")


class EmptyFileError(PackageError):
    msgid = N_("The file {name} is empty. It was probably not copied completely: "
               "copy it again from the laptop or make a new export. Nothing was changed.")


class MissingFileError(PackageError):
    msgid = N_("There is no file {name}. Check the name and the folder (is the USB stick "
               "plugged in?). Nothing was changed.")


class NotAPackageError(PackageError):
    msgid = N_("The file {name} is not a Forebygg exchange file ({detail}). Choose the file "
               "ending in .forebygg that the program wrote. Nothing was changed.")


class DamagedPackageError(PackageError):
    msgid = N_("The file {name} is incomplete or damaged ({detail}). Perhaps the USB stick "
               "was removed too early. Make a new export on the laptop and import that "
               "instead. Nothing was changed.")


class SuspiciousPackageError(PackageError):
    msgid = N_("The file {name} unpacks to far more data than an exchange file can hold "
               "({detail}). It was not opened. Ask the sender for a new export. "
               "Nothing was changed.")


class NewerFormatError(PackageError):
    msgid = N_("The file {name} was written by a newer version of Forebygg Desktop (exchange "
               "format {version}; this program reads up to {supported}). Update the program, "
               "then import the file again. Nothing was changed.")


class UnsupportedSealError(PackageError):
    msgid = N_("The file {name} is signed or encrypted in a way this version cannot check "
               "({detail}). Update the program, then import the file again. "
               "Nothing was changed.")


class OtherDepartmentError(PackageError):
    msgid = N_("The file {name} belongs to another department ({department}); this store "
               "belongs to {ours}. Check that you chose the right file. Nothing was changed.")


class WrongKindError(PackageError):
    msgid = N_("The file {name} is a configuration package. Apply it with “Apply "
               "configuration package” on a laptop instead. Nothing was changed.")


class NotConfigError(PackageError):
    msgid = N_("The file {name} holds registrations, not a configuration package. Import it "
               "on the central department's computer instead. Nothing was changed.")


class NotCentralError(PackageError):
    msgid = N_("Only the central department's store imports registrations from other "
               "laptops. Set the role to “central” in the settings if this is that "
               "computer. Nothing was changed.")


class OlderConfigError(PackageError):
    msgid = N_("The configuration package {name} has version {version}, older than the "
               "version {current} this laptop already has. Ask the central department for the "
               "newest package. Nothing was changed.")


class ExportWriteError(PackageError):
    msgid = N_("The export could not be written to {folder} ({detail}). Check that the USB "
               "stick is inserted and has free space, then export again.")


class ExportVerifyError(PackageError):
    msgid = N_("The export file {name} could not be read back correctly ({detail}). Do not "
               "use it: check the USB stick and export again.")


class BadSignatureError(PackageError):
    msgid = N_("The file {name} is not signed correctly: it was changed after it was written, "
               "or it was not written by Forebygg Desktop. It was refused. Ask the sender for "
               "a new export. Nothing was changed.")


class DecryptError(PackageError):
    msgid = N_("The file {name} cannot be decrypted: it is damaged or was changed after it "
               "was written. It was refused. Ask the sender for a new export. "
               "Nothing was changed.")


class OtherRecipientError(PackageError):
    msgid = N_("The file {name} is encrypted for another department key than the ones this "
               "computer holds. Apply the newest configuration package on the laptop and "
               "export again. Nothing was changed.")


class UnknownDeviceError(PackageError):
    msgid = N_("The file {name} comes from a laptop that is not enrolled yet ({device}, key "
               "fingerprint {fingerprint}). Compare the fingerprint with the one in the "
               "laptop's settings, accept the laptop, then import again. Nothing was changed.")


class DeviceKeyMismatchError(PackageError):
    msgid = N_("The file {name} claims to come from {device}, but it is signed with another "
               "key (fingerprint {fingerprint}) than the one enrolled for that laptop. It was "
               "refused. If the laptop was reinstalled, enrol it again. Nothing was changed.")


class UnsignedRefusedError(PackageError):
    msgid = N_("The file {name} is not signed (an old exchange format), but its sender "
               "already uses signed files. It was refused: anyone could have written it. "
               "Nothing was changed.")


class DepartmentKeyMismatchError(PackageError):
    msgid = N_("The configuration package {name} is not signed by the central department "
               "this laptop is enrolled with (fingerprint {fingerprint}). It was refused. "
               "Nothing was changed.")


class NoDepartmentKeyError(PackageError):
    msgid = N_("This laptop does not know the central department's key yet, so it cannot "
               "encrypt an export. Apply the department's configuration package first, then "
               "export again.")


class NoKeyStoreError(PackageError):
    msgid = N_("This store has no data folder for its keys, so it cannot sign or read "
               "exchange files.")


class IdentityClashError(PackageError):
    msgid = N_("The file {name} does not fit the files already imported from {device}: two "
               "computers use the same laptop identity (a copied data folder or a restored "
               "backup). It was not imported. On the copy, choose “Give this computer a new "
               "identity”, then export again. Nothing was changed.")


class ConfigVersionReusedError(PackageError):
    msgid = N_("The configuration package {name} has version {version}, but a different "
               "package with that version was already applied here. Ask the central "
               "department for a new package. Nothing was changed.")


class ConfigVersionUsedError(PackageError):
    msgid = N_("Version {version} was already used for a configuration package. Choose a "
               "higher version (the next free one is {next}).")


class ConfigVersionRangeError(PackageError):
    msgid = N_("A configuration package's version is a whole number from 1 to {highest}. "
               "Choose another (the next free one is {next}).")


class NotEnrolledError(PackageError):
    msgid = N_("No laptop with the id {device} is enrolled here. Nothing was changed.")


class NotCentralKeyError(PackageError):
    msgid = N_("Only the central department's computer has a department key to replace. Set "
               "the role to “central” in the settings if this is that computer. Nothing was "
               "changed.")
