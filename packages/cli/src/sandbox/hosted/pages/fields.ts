import { SignUpField } from './views';
import { PoolRuntime } from '../../model/context';

const LABELS: Record<string, string> = {
  email: 'Email address',
  phone_number: 'Phone number',
  given_name: 'Given name',
  family_name: 'Family name',
  name: 'Name',
  preferred_username: 'Preferred username',
  birthdate: 'Birthdate',
  address: 'Address',
  gender: 'Gender',
  locale: 'Locale',
  middle_name: 'Middle name',
  nickname: 'Nickname',
  picture: 'Picture URL',
  profile: 'Profile URL',
  website: 'Website',
  zoneinfo: 'Time zone',
};

const field = (name: string): SignUpField => ({
  name,
  label: LABELS[name] ?? name.replace(/^custom:/, '').replace(/_/g, ' '),
  type: name === 'email' ? 'email' : name === 'phone_number' ? 'tel' : 'text',
  autocomplete: name === 'email' ? 'email' : name === 'phone_number' ? 'tel' : name === 'given_name' ? 'given-name' : name === 'family_name' ? 'family-name' : 'on',
});

/** How the sign-in form names the user: by the pool's username attributes, else a username. */
export function usernameLabel(pool: PoolRuntime): string {
  const attrs = pool.config.usernameAttributes;
  if (attrs.includes('email') && attrs.includes('phone_number')) return 'Email address or phone number';
  if (attrs.includes('email')) return 'Email address';
  if (attrs.includes('phone_number')) return 'Phone number';
  return pool.config.aliasAttributes.length ? `Username or ${pool.config.aliasAttributes.map(a => LABELS[a]?.toLowerCase() ?? a).join(' or ')}` : 'Username';
}

/**
 * The sign-up form: the username (an email or phone when those are the username attributes),
 * the attributes codes are sent to, and every attribute the schema requires.
 */
export function signUpFields(pool: PoolRuntime): SignUpField[] {
  const c = pool.config;
  const username: SignUpField = c.usernameAttributes.length === 1
    ? { ...field(c.usernameAttributes[0]), name: 'username' }
    : { name: 'username', label: usernameLabel(pool), type: 'text', autocomplete: 'username' };
  const attributes = new Set<string>();
  for (const attr of c.autoVerifiedAttributes) if (!c.usernameAttributes.includes(attr)) attributes.add(attr);
  for (const s of c.schema) if (s.required && !c.usernameAttributes.includes(s.name)) attributes.add(s.name);
  return [username, ...[...attributes].map(field)];
}

/** Required attributes still missing, for the new-password page. */
export function missingFields(pool: PoolRuntime, attributes: Record<string, string>): SignUpField[] {
  return pool.config.schema.filter(s => s.required && !attributes[s.name]).map(s => field(s.name));
}
