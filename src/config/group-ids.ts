/**
 * The construct id of a group's UserPoolGroup. It names the group's logical ID, so it must stay as
 * it is: `Group` plus the name with every character but letters and digits replaced by `_`.
 */
export function groupConstructId(name: string): string {
  return `Group${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}
