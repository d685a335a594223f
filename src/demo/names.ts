import type { Random } from './random.ts';

/**
 * Word lists for fictitious customers and addresses: common French first
 * names, surnames and street names, combined at random, so that no record
 * describes a real person or business.
 */

const WOMEN = ['Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Christine', 'Sandrine', 'Valérie', 'Céline', 'Stéphanie', 'Aurélie', 'Julie', 'Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Laura', 'Pauline', 'Claire', 'Anne', 'Hélène', 'Martine', 'Françoise', 'Monique', 'Nicole', 'Élodie', 'Mathilde', 'Lucie', 'Jeanne', 'Alice', 'Zoé', 'Louise', 'Juliette', 'Agathe', 'Margaux', 'Océane', 'Amandine'];
const MEN = ['Jean', 'Pierre', 'Michel', 'Philippe', 'Alain', 'Nicolas', 'Christophe', 'Patrick', 'Laurent', 'Frédéric', 'Sébastien', 'Julien', 'David', 'Thomas', 'Stéphane', 'Olivier', 'Éric', 'Vincent', 'François', 'Antoine', 'Maxime', 'Alexandre', 'Romain', 'Hugo', 'Lucas', 'Louis', 'Gabriel', 'Arthur', 'Léo', 'Paul', 'Jules', 'Nathan', 'Théo', 'Raphaël', 'Mathieu', 'Guillaume', 'Benoît', 'Cédric', 'Damien', 'Yannick'];
const SURNAMES = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefèvre', 'Faure', 'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
  'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier',
  'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron',
  'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Leclercq', 'Guillaume', 'Lecomte',
];

const STREETS = [
  'rue de la République', 'rue Victor Hugo', 'avenue Jean Jaurès', 'rue Pasteur', 'rue de la Gare', 'rue du Moulin', 'place de l\'Église', 'rue des Écoles', 'chemin des Vignes', 'allée des Tilleuls',
  'impasse des Lilas', 'rue du Stade', 'rue de la Mairie', 'boulevard Gambetta', 'rue Jules Ferry', 'rue du Château', 'route de la Forêt', 'rue des Jardins', 'avenue de la Libération', 'rue du Général de Gaulle',
  'rue des Acacias', 'rue de l\'Industrie', 'chemin du Lavoir', 'rue des Peupliers', 'rue Émile Zola', 'rue Saint-Martin', 'place du Marché', 'rue du Four', 'rue des Prés', 'avenue des Platanes',
  'rue Anatole France', 'rue de la Fontaine', 'rue du Pont', 'rue des Cerisiers', 'rue de Verdun', 'rue Voltaire', 'quai de la Rivière', 'rue des Artisans', 'rue du Puits', 'chemin de la Croix',
];
const BUSINESS_STREETS = ['zone artisanale des Granges', "parc d'activités du Moulin", 'zone industrielle Nord', 'rue de l\'Industrie', 'avenue de l\'Europe', 'route nationale', 'rue des Artisans', 'zone commerciale Les Portes'];

const SMALL_BUSINESSES = ['Boulangerie', 'Boucherie', 'Pharmacie', 'Garage', 'Cabinet médical', 'Atelier', 'Menuiserie', 'Supérette', 'Restaurant', 'Café', 'Librairie', 'Fromagerie', 'Imprimerie', 'Plomberie', 'Salon de coiffure', 'Fleuriste'];
const SMALL_SUFFIXES = ['du Centre', 'des Tilleuls', 'de la Gare', 'du Moulin', 'Saint-Martin', 'du Marché', 'des Remparts', 'de la Place'];
const LARGE_BUSINESSES = ['Industries', 'Logistique', 'Plasturgie', 'Métallerie', 'Agroalimentaire', 'Distribution', 'Imprimeries', 'Froid Industriel'];
const INSTITUTIONS = ['Clinique des Acacias', 'Centre aquatique intercommunal', 'Hypermarché des Portes', 'Résidence Les Glycines', 'Collège Jean Moulin', 'Hôtel du Parc', 'Entrepôt frigorifique du Val', 'Centre hospitalier du Val'];

export interface PersonName {
  title: 'M.' | 'Mme';
  firstName: string;
  lastName: string;
}

export function personName(r: Random): PersonName {
  const woman = r.chance(0.5);
  return { title: woman ? 'Mme' : 'M.', firstName: r.pick(woman ? WOMEN : MEN), lastName: r.pick(SURNAMES) };
}

export function businessName(r: Random, large: boolean): string {
  if (!large) return r.chance(0.5) ? `${r.pick(SMALL_BUSINESSES)} ${r.pick(SMALL_SUFFIXES)}` : `${r.pick(SMALL_BUSINESSES)} ${r.pick(SURNAMES)}`;
  return r.chance(0.35) ? r.pick(INSTITUTIONS) : `${r.pick(SURNAMES)} ${r.pick(LARGE_BUSINESSES)}`;
}

export function streetAddress(r: Random, business: boolean): string {
  const number = 1 + r.int(business ? 60 : 140);
  const suffix = r.chance(0.06) ? ' bis' : '';
  return `${number}${suffix} ${r.pick(business ? BUSINESS_STREETS : STREETS)}`;
}

/** ASCII, lower case, for e-mail addresses. */
export function asciiSlug(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
