"""The one error type the renderer raises."""


class RenderError(Exception):
    """A creative could not be rendered from the given input.

    `code` is stable and machine-readable so the studio can show a translated message
    (`photo_unreadable`, `photo_too_large`, `logo_unreadable`, `unknown_layout`,
    `unknown_size`); the text is for logs and developers.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
