"""Small widgets the registration forms and lists share (count boxes, errors, notices)."""
