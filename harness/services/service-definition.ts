// What the harness knows about one kind of service (Postgres, Redis, RabbitMQ), in one object: its pinned image
// and how a container of it starts, the URL settings that point at a running one, the grade space it gives each
// grade, and what `bch clean` removes from it. Each lives in its own folder (services/<name>/) and is listed once in
// services/service-registry.ts; nothing else names a service. A definition imports its packages (pg, ioredis,
// testcontainers) and heavier modules lazily, inside its functions: the registry must load without node_modules.
import type { StartedTestContainer } from 'testcontainers';
import type { Leftovers } from '../clean/leftovers.ts';

/** Where a running service answers, with the admin's credentials: `url`, plus whatever else the service needs (RabbitMQ: its management API). */
export interface ServiceEndpoint {
  url: string;
}

/** What one grade gets of one service. */
export interface ServiceSpace {
  /** Environment variables the candidate's service receives, with the grade's own credentials. */
  env: Record<string, string>;
  /** What the hidden tests use to look inside the same space, with the admin's credentials (GradeContextData.admin). */
  admin: Record<string, string | undefined>;
  /** Removes everything the grade left behind. */
  release(): Promise<void>;
  /** With `devAccess`: what the candidate may open to look inside their own space (a management UI), with their credentials. */
  devUrls?: { label: string; url: string }[];
}

/** One URL flag and variable for `--services external` (and `bch clean`). */
export interface UrlSetting<Key extends string = string, Option extends string = string> {
  /** The key in Settings.external. */
  key: Key;
  /** The commander option name; the flag is its kebab-case form (`databaseUrl` → `--database-url <url>`). */
  option: Option;
  env: string;
  /** Help text after "a running" / "also this" (or the whole text when `standalone`). */
  help: string;
  /** Help that is not prefixed ("its management API"). */
  standalone?: boolean;
}

/** What a container start gets from the provider. */
export interface ContainerStartContext {
  image: string;
  labels: Record<string, string>;
  /** A random admin password: the mapped ports are reachable by every local process, the candidate's included. */
  adminPassword: string;
}

export interface StartedServiceContainer<Endpoint extends ServiceEndpoint> {
  container: StartedTestContainer;
  endpoint: Endpoint;
}

export interface GradeSpaceContext {
  /** A template database (the challenge's data set) the grade's database is copied from (Postgres only). */
  postgresTemplate?: string;
  /** `bch dev`: the candidate's own space on their own machine, which they may inspect (RabbitMQ: the management UI
   * for their vhost). Never for a grade, whose user gets no such access. */
  devAccess?: boolean;
}

/** What `bch new` writes for a challenge that uses the service: its variables, client package, and the starter's lines that connect, answer a ping and close. */
export interface ScaffoldParts {
  env: { name: string; description: string }[];
  /** [package, version range] in the scaffold's package.json. */
  dependency: [string, string];
  imports: string;
  connect: string;
  ping: string;
  close: string;
}

export interface ServiceDefinition<
  Endpoint extends ServiceEndpoint = ServiceEndpoint,
  Admin extends Record<string, string | undefined> = Record<string, string | undefined>,
> {
  /** The name in challenge.yaml's `services:`, the registry and docker-compose.yml. */
  name: string;
  /** For messages: "Postgres". */
  title: string;
  /** The pinned official image, pinned here and nowhere else; BCH_<NAME>_IMAGE overrides it. */
  image: string;
  /** The flags and variables of `--services external`; the first is the service's own URL. */
  urls: readonly UrlSetting[];
  /** The ports it answers on, its URL's first: docker-compose.yml publishes them on the same numbers, and the doctor looks for a local one on the first. */
  ports: readonly number[];
  /** The flags that select one running on the usual local port (advice only: doctor, BCH_NO_SERVICES). */
  localFlags: string;
  /** Its URL in this repository's docker-compose.yml (the README's --services external command). */
  composeUrl: string;
  /** Starts a container of `image` (testcontainers, imported lazily) and says where it answers. */
  startContainer(context: ContainerStartContext): Promise<StartedServiceContainer<Endpoint>>;
  /** The endpoint from the external URLs, given that the service's own URL is set. */
  externalEndpoint(urls: Readonly<Record<string, string | undefined>>): Endpoint;
  /** How anyone who reaches the service gets in as an admin without a secret (trust authentication, a password-less
   * default user, a well-known default login), or undefined when it asks for a password: `bch grade` refuses such a
   * service with the external provider (refuse-open-services.ts). */
  openLogin(endpoint: Endpoint): Promise<string | undefined>;
  /** Creates one grade's space (database and role, Redis index and user, vhost and user). */
  createSpace(endpoint: Endpoint, grade: string, context: GradeSpaceContext): Promise<ServiceSpace & { admin: Admin }>;
  /** What `bch new` writes for it (scaffold/challenge-templates.ts). */
  scaffold: ScaffoldParts;
  /** `bch clean`: removes what dead runs left on the server; `where` names it in messages (password redacted). */
  leftovers: { where(endpoint: Endpoint): string; remove(endpoint: Endpoint): Promise<Leftovers> };
}
